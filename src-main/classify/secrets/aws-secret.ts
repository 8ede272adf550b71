import { entropy } from '../checksums';
import { cueNearby, findAfterCue } from '../context';
import { wordList } from '../grams';
import { AWS_SAMPLE_SECRET, isPlaceholder } from '../placeholders';
import type { Detector } from '../types';

const CUE = /aws_?secret(?:_?access)?(?:_?key)?|secret_?access_?key|secretaccesskey|aws secret/g;
const CUE_WORDS = wordList(['secret']);
const SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** AWS_SECRET_KEY: 40 base64 characters right after an AWS secret cue. */
export const detectAwsSecret: Detector = (ctx) =>
  ctx.text.length < 40 || !cueNearby(ctx, CUE_WORDS) ? [] : findAfterCue(ctx, CUE, SECRET, 8)
    .filter(({ match }) => match[0] !== AWS_SAMPLE_SECRET && !isPlaceholder(match[0]) && entropy(match[0]) > 3.5)
    .map(({ start, end }) => ({ type: 'AWS_SECRET_KEY', start, end, confidence: 0.9 }));
