export {
  type Actor,
  type AuditEvent,
  type AuditQuery,
  auditedTransaction,
  recordAudit,
  recordAuditAlone,
  searchAudit,
  streamAudit,
  systemActor,
  verifyAuditChain,
} from './audit.service';
export { auditActionLabel, auditActionLabels } from './audit-actions';
export { type ChainProblem, describeChainProblem } from './audit-chain';
