export {
  type Actor,
  type AuditEvent,
  type AuditQuery,
  auditedTransaction,
  recordAudit,
  recordAuditAlone,
  searchAudit,
  systemActor,
  verifyAuditChain,
} from './audit.service';
export { type ChainProblem, describeChainProblem } from './audit-chain';
