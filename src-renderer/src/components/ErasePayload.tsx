import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ERASURE_REASON_MAX, type OperatorResult } from '../../../src-shared/operator-api';
import { useConsole } from '../console-context';

export type ErasureResult = OperatorResult<'erasePayload'>;

/**
 * GDPR Art. 17 for one decision: a disclosure that asks for the reason (recorded in the audit
 * log) and an explicit confirmation before the payload is erased for good.
 */
export function ErasePayload({ decisionId, pending, onErased }: { decisionId: string; pending: boolean; onErased: (result: ErasureResult) => void }) {
  const api = useConsole((s) => s.api);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const opener = useRef<HTMLButtonElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(false);
  const id = useId();

  // Focus follows the disclosure: into the reason when it opens, back to its button when it closes.
  useEffect(() => {
    if (open) reasonField.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    setOpen(false);
    setReason('');
    setConfirmed(false);
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!api || busy || !confirmed || reason.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      onErased(await api.erasePayload({ decisionId, reason: reason.trim() }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };

  return (
    <div className="erase">
      <button
        ref={opener}
        type="button"
        className="danger"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Erase payload (GDPR Art. 17)
      </button>
      {open && (
        <form id={`${id}-form`} className="erase-form" aria-label="Erase payload" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
          <p className="muted">
            The payload is deleted from the audit log for good (its storage is overwritten). The decision, its findings and
            its audit entry stay, and an erasure entry records who erased it and why. A byte-identical payload of another
            decision is stored once with this one and is erased with it.
            {pending && ' This action is still waiting for a verdict: whoever decides it will no longer see the payload.'}
          </p>
          <label>
            Reason (recorded in the audit log)
            <textarea
              ref={reasonField}
              rows={2}
              required
              maxLength={ERASURE_REASON_MAX}
              placeholder="e.g. erasure request 2026-117 from the data subject"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I understand the payload
            cannot be recovered
          </label>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="danger" disabled={busy || !confirmed || reason.trim() === ''}>
              {busy ? 'Erasing…' : 'Erase for good'}
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
