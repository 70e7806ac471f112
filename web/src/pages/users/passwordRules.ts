import type { FormRule } from 'antd';
import type { Messages } from '../../i18n/context.ts';

/** The server's password policy: 10–128 characters with letters and digits. */
export function passwordRules(t: Messages): FormRule[] {
  return [
    { required: true, message: t.users.passwordRule },
    {
      validator: (_, v: string | undefined) =>
        !v || (v.length >= 10 && v.length <= 128 && /[A-Za-z]/.test(v) && /\d/.test(v))
          ? Promise.resolve()
          : Promise.reject(new Error(t.users.passwordRule)),
    },
  ];
}

/** Usernames: 3–32 lowercase letters, digits or ._-, starting with a letter or digit. */
export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,31}$/;
