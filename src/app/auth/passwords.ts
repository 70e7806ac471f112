import { hash, verify, type Options } from '@node-rs/argon2';
import { bilingual } from '../validation.ts';
import { z } from 'zod';

// OWASP's argon2id baseline (19 MiB, 2 passes); verification stays well under 100 ms.
// `Algorithm` is an ambient const enum (not importable under verbatimModuleSyntax); 2 = Argon2id.
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export const verifyPassword = (hashed: string, password: string): Promise<boolean> =>
  verify(hashed, password).catch(() => false);

export const newPassword = z
  .string()
  .min(10, bilingual('密码至少10位', 'password must be at least 10 characters'))
  .max(128, bilingual('密码不能超过128位', 'password must be at most 128 characters'))
  .refine(
    (p) => /[A-Za-z]/.test(p) && /\d/.test(p),
    bilingual('密码须同时包含字母和数字', 'password must contain letters and digits'),
  );
