/**
 * The app's own CJK font, bundled so screens and printed PDFs look the same on Windows, macOS and Linux and no system
 * font is needed: Noto Sans SC (SIL Open Font License) from @fontsource/noto-sans-sc, weights 400 and 700 only, split by
 * unicode-range so a page loads only the subsets its characters need. The build keeps only the woff2 files
 * (vite.config.ts). `APP_FONT_STACK` is the one font-family list for the MUI theme; print.css repeats it in CSS.
 */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './fonts.css';

/** CSS font-family list: the bundled font first, then the platforms' own CJK fonts as a fallback. */
export const APP_FONT_STACK = '"Noto Sans SC","Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif';
