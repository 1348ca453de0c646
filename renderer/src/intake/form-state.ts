import { newId } from '../../../domain/ids';
import type { AttachmentRef, Channel, ChannelFacts } from '../../../domain/model';

/** The intake form as typed; saved as a draft on every change. */
export interface IntakeForm {
  /**
   * The id the request will have once saved, chosen when the form is opened: the draft
   * carries it, so a draft whose request exists is known to be saved and never offered
   * back, and a second save of the same form cannot record the request twice.
   * Absent from drafts written before it existed.
   */
  requestId?: string;
  channel: Channel;
  channelFacts: ChannelFacts;
  /** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input gives it */
  receivedAt: string;
  anonymous: boolean;
  /** an existing resident's file chosen from the suggestions */
  citizenId: string | null;
  /** a new resident, created on save when no file was chosen */
  citizen: { firstName: string; lastName: string; phone: string; email: string; address: string; postalCode: string; city: string };
  categoryId: string;
  categoryFields: Record<string, string>;
  subject: string;
  description: string;
  address: string;
  needsMayor: boolean;
  sensitive: boolean;
  attachments: AttachmentRef[];
}

export function localDateTimeInput(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

export function emptyIntakeForm(channel: Channel = 'counter', now: Date = new Date()): IntakeForm {
  return {
    requestId: newId(),
    channel,
    channelFacts: channel === 'counter' ? { residentPresent: true } : {},
    receivedAt: localDateTimeInput(now),
    anonymous: false,
    citizenId: null,
    citizen: { firstName: '', lastName: '', phone: '', email: '', address: '', postalCode: '', city: '' },
    categoryId: '',
    categoryFields: {},
    subject: '',
    description: '',
    address: '',
    needsMayor: false,
    sensitive: false,
    attachments: [],
  };
}

/** A draft worth offering back: something was typed beyond the defaults. */
export function hasContent(form: IntakeForm): boolean {
  const citizen = Object.values(form.citizen).some((value) => value.trim() !== '');
  const facts = Object.entries(form.channelFacts).some(([key, value]) => key !== 'residentPresent' && Boolean(value));
  return (
    citizen ||
    facts ||
    form.citizenId !== null ||
    form.subject.trim() !== '' ||
    form.description.trim() !== '' ||
    form.address.trim() !== '' ||
    form.attachments.length > 0 ||
    form.categoryId !== ''
  );
}
