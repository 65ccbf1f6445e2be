/**
 * Coded messages (import reasons, service errors): `msg.<code>`. zh-CN is shared/messages.ts itself (the source of
 * truth the server also uses), English is shared/messages-en.ts (also used by the main process); both list every code
 * (tests/unit/messages.test.ts checks both have the same keys and placeholders).
 */
import { ZH_MESSAGES } from '../../../../shared/messages';
import { EN_MESSAGES } from '../../../../shared/messages-en';

export default { zh: ZH_MESSAGES, en: EN_MESSAGES } as const;
