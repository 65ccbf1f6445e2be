/**
 * Renders a dialog open inside a host that closes it when the dialog asks (`onClose`), as its page would; `closed()`
 * counts how often it asked. After a close the host shows `data-testid="closed"`.
 */
import { useState, type ReactElement } from 'react';
import { render } from '@testing-library/react';

export function mountDialog(dialog: (onClose: () => void) => ReactElement): { closed(): number } {
  let closes = 0;
  function Host() {
    const [open, setOpen] = useState(true);
    return open ? dialog(() => { closes += 1; setOpen(false); }) : <div data-testid="closed" />;
  }
  render(<Host />);
  return { closed: () => closes };
}
