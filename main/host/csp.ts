// The renderer's Content Security Policy, sent by the host and by Electron's app:// protocol alike:
// only our own bundled code runs, nothing is fetched from anywhere else, nothing can frame the till.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
