import { entropy } from '../checksums';
import { cueNearby, findAfterCue, windowBefore } from '../context';
import { wordList } from '../grams';
import { AWS_SAMPLE_SECRET, isPlaceholder } from '../placeholders';
import type { Detector } from '../types';

/**
 * Names of the AWS secret in env vars, config files and prompts (`aws_secret_access_key`,
 * `AWS Secret Access Key [None]:` of `aws configure`), with the prompt's bracketed default.
 */
const CUE = /(?:aws[ _-]?secret(?:[ _-]?access)?(?:[ _-]?key)?|secret[ _-]?access[ _-]?key)(?:\s{0,2}\[[^\]\n]{0,16}\])?/g;
/**
 * `secret_key`, `secret key` or a bare "secret" (Terraform's AWS provider, boto3 clients, "access
 * key AKIA…, secret …") names it only beside AWS context, and only standing alone:
 * `GITHUB_CLIENT_SECRET` is another service's secret.
 */
const PLAIN_CUE = /(?<![\w-])secret(?:[ _-]?key)?(?![a-z])/g;
/** An `aws` provider or profile, or an AWS access key id, near the plain cue. */
const AWS_CONTEXT = /\baws\b|\b(?:akia|asia)[a-z0-9]{16}\b/;
/** How far from the plain cue AWS context counts: the access key may come before or after it. */
const AWS_REACH = 240;
const CUE_WORDS = wordList(['secret']);
const SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** Forty hex digits are a SHA-1 (a commit, a client secret of another service), never an AWS secret. */
const real = (v: string): boolean => v !== AWS_SAMPLE_SECRET && !/^[0-9a-f]{40}$/i.test(v) && !isPlaceholder(v) && entropy(v) > 3.5;

/** AWS_SECRET_KEY: 40 base64 characters right after an AWS secret cue. */
export const detectAwsSecret: Detector = (ctx) => {
  if (ctx.text.length < 40 || !cueNearby(ctx, CUE_WORDS)) return [];
  const named = findAfterCue(ctx, CUE, SECRET, 8);
  const plain = findAfterCue(ctx, PLAIN_CUE, SECRET, 8).filter(
    ({ start, end }) => AWS_CONTEXT.test(windowBefore(ctx, start, AWS_REACH)) || AWS_CONTEXT.test(ctx.lower.slice(end, end + AWS_REACH)),
  );
  return [...named, ...plain]
    .filter(({ match }) => real(match[0]))
    .map(({ start, end }) => ({ type: 'AWS_SECRET_KEY', start, end, confidence: 0.9 }));
};
