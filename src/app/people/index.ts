export type { AuditLog, Crypto, PasswordHasher, ResetRepository, Session, SessionRepository, ThrottleRepository, User, UserRepository } from './ports.ts';
export { accountThrottleKey, addUser, login, LOGIN_POLICY, logout, passwordProblems, sessionUser, type LoggedIn, type PeopleDeps } from './accounts.ts';
export { verifyAuditLog } from './audit.ts';
export { changeOwnPassword, createAccount, issueResetLink, listAccounts, resetLinkUser, resetPassword, RESET_LINK_HOURS, setActive, setRole, unlockAccount, type AccountRow, type Actor } from './manage.ts';
