/**
 * URLs that look like the app's own origin (app://icpdesk) but are not: what a page on another origin, or a crafted
 * link, would present as its sender / navigation target. Every guard that checks "is this the app" must refuse all of
 * them. Case-only variants are refused too: Chromium canonicalises the app's own URLs to lower case (the scheme is
 * registered as standard), so a real app frame never carries an upper-case host — refusing fails closed.
 */
export const LOOK_ALIKE_SENDERS: readonly string[] = [
  'app://icpdesk.evil/index.html',
  'app://icpdesk.evil',
  'app://icpdeskevil/index.html',
  'app://icpdesk@evil/index.html',
  'app://icpdesk:x@evil/index.html',
  'app://evil@icpdesk.evil/',
  'app://ICPDESK/index.html',
  'app://IcpDesk/index.html',
  'app://icpdesk./index.html',
  'app://icpdesk../index.html',
  'app://icpdesk:8080/index.html',
  'app://evil/icpdesk/index.html',
  'app://evil/?app://icpdesk/',
  'apps://icpdesk/index.html',
  'xapp://icpdesk/index.html',
  'http://icpdesk/index.html',
  'https://evil.example/#app://icpdesk/',
  'app:icpdesk/index.html',
  'app:///icpdesk/index.html',
];
