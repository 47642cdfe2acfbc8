import type { AccountModel } from '../base/models';

export type AdminModel = AccountModel & { role: 'ADMIN' };
