/**
 * Entry of a benchmark child process when running from source:
 *   node --import tsx src-main/bench/child-main.ts ROLE CONFIG_JSON
 * (CONFIG_JSON is null for job roles, which read one job per stdin line.)
 * (The built CLI re-invokes itself as `portcullis bench --child ROLE --config JSON` instead.)
 */
import { CHILD_ROLES, runChild, type ChildRole } from './child';

const [role, config] = process.argv.slice(2);
if (!CHILD_ROLES.includes(role as ChildRole) || config === undefined) {
  process.stderr.write(`usage: child-main.ts (${CHILD_ROLES.join('|')}) CONFIG_JSON\n`);
  process.exit(2);
}
runChild(role as ChildRole, JSON.parse(config), (line) => process.stdout.write(`${line}\n`)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench child ${role} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
