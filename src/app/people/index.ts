export type { AuditLog, Crypto, PasswordHasher, Session, SessionRepository, ThrottleRepository, User, UserRepository } from './ports.ts';
export { addUser, login, LOGIN_POLICY, logout, passwordProblems, sessionUser, type LoggedIn, type PeopleDeps } from './accounts.ts';
export { verifyAuditLog } from './audit.ts';
