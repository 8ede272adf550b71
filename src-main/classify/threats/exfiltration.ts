import { textHas, windowBefore } from '../context';
import { word } from '../grams';
import type { Detector, Span } from '../types';
import { isMention } from './mention';
import { findUrls, type Url } from './urls';

/** Request-capture and tunnel services: any request there delivers data to a third party. */
const CAPTURE =
  /(?:^|\.)(?:webhook\.site|requestbin\.(?:com|net)|pipedream\.net|ngrok(?:-free)?\.(?:io|app|dev)|ngrok\.io|trycloudflare\.com|loca\.lt|localtunnel\.me|serveo\.net|interact\.sh|oast\.(?:fun|live|me|online|pro|site)|burpcollaborator\.net|oastify\.com|interactsh\.com|requestcatcher\.com|beeceptor\.com|hookbin\.com|postb\.in|dnslog\.cn|ceye\.io|canarytokens\.com|webhook\.cool|requestrepo\.com)$/;
/** Paste and file-drop services: exfiltration when data is sent, not when a paste is read. */
const DROP =
  /(?:^|\.)(?:pastebin\.com|paste\.ee|hastebin\.com|ghostbin\.\w+|transfer\.sh|file\.io|0x0\.st|termbin\.com|catbox\.moe|gofile\.io|anonfiles\.com|temp\.sh|bashupload\.com|paste\.rs|dpaste\.(?:org|com)|rentry\.co|ix\.io|sprunge\.us|filebin\.net|tmpfiles\.org|pixeldrain\.com|uguu\.se|litterbox\.catbox\.moe|privatebin\.net|justpaste\.it|oshi\.at|keep\.sh|x0\.at|clbin\.com|put\.re|files\.catbox\.moe)$/;
const RAW_IP = /^\d{1,3}(?:\.\d{1,3}){3}$|^\[[0-9a-f:]+\]$/;
/** Sending verbs near the URL: upload flags, POST/PUT, piping data into the client. */
const SENDING = /(?:\s-(?:d|f|t|x\s{0,2}(?:post|put))\b|--data|--upload-file|--form|--post-|\bpost\b|\bput\b|upload|(?<!\|)\|\s{0,3}nc\b|"method"\s{0,2}:\s{0,2}"(?:post|put)"|\bnc\b|@-)/;
const IMAGE_BEFORE = /(?:!\[[^\]\n]{0,200}\]\(\s{0,2}|<img\b[^>]{0,200}?\bsrc\s{0,2}=\s{0,2}["']?)$/;
/** Query parameters carrying data: long or encoded values (badge styles and paging do not). */
const DATA_QUERY = /(?:^|&)[\w.-]{1,32}=(?:[A-Za-z0-9_\-+/=]{16,}|[^&]{0,200}%[0-9A-Fa-f]{2}[^&]{0,200}%[0-9A-Fa-f]{2})/;

const GATE = word('://');

/** A download piped into an interpreter (`wget -qO- http://1.2.3.4/x | sh`): a dropper, which ships nothing out. */
const PIPED_TO_SHELL = /^\s{0,3}\|\s{0,3}(?:sudo\s{1,3})?(?:(?:ba|z|da|k)?sh|python3?|perl)\b/;

function sending(ctx: Parameters<Detector>[0], url: Url): boolean {
  const line = windowBefore(ctx, url.start, 160).split('\n').pop() ?? '';
  const after = ctx.lower.slice(url.end, url.end + 80).split('\n')[0] ?? '';
  if (PIPED_TO_SHELL.test(after)) return false;
  return SENDING.test(line) || SENDING.test(after) || SENDING.test(ctx.before.slice(-96)) || /upload|api_post|\/api\/|paste|\/in$|collect|exfil|log$/.test(url.path.toLowerCase()) || url.query !== '';
}

export const detectExfiltration: Detector = (ctx) => {
  if (!textHas(ctx, GATE)) return [];
  const out: Span[] = [];
  for (const url of findUrls(ctx.text)) {
    let hit = false;
    if (CAPTURE.test(url.host)) hit = true;
    else if ((DROP.test(url.host) || RAW_IP.test(url.host)) && sending(ctx, url)) hit = true;
    else if (url.query && IMAGE_BEFORE.test(ctx.text.slice(Math.max(0, url.start - 220), url.start)) && DATA_QUERY.test(url.query)) hit = true;
    if (hit && !isMention(ctx, url.start, url.end)) out.push({ type: 'EXFILTRATION', start: url.start, end: url.end, confidence: 0.85 });
  }
  return out;
};
