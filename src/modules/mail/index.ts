export { emailAddressSchema } from './mail-address';
export { createMailTransport, type MailTransport } from './mail-transport';
export { enqueueMail, type OutboxSummary, type OutgoingMail, summariseOutbox } from './outbox.service';
export { type DeliveryReport, deliverOutbox } from './outbox-delivery';
export { afterFailedAttempt, MAX_DELIVERY_ATTEMPTS } from './retry-backoff';
