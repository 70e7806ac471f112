import { App as AntApp, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useCreateUser } from '../../api/users.ts';
import { INSTITUTION_ROLES, ROLES, type NewUser, type Role } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { TownshipSelect } from '../../components/RegionSelects.tsx';
import { useI18n } from '../../i18n/context.ts';
import { passwordRules, USERNAME_RE } from './passwordRules.ts';
import { GovUnitCodeSelect, InstitutionCodeSelect } from './ScopeSelects.tsx';

interface Values {
  username: string;
  displayName: string;
  role: Role | undefined;
  townshipCode: string | undefined;
  institutionCode: string | undefined;
  govUnitCode: string | undefined;
  password: string;
}

const FIELDS = [
  'username',
  'displayName',
  'role',
  'townshipCode',
  'institutionCode',
  'govUnitCode',
  'password',
] as const;

const isInstitutionRole = (r: Role | undefined) =>
  (INSTITUTION_ROLES as readonly string[]).includes(r ?? '');

/** The request body: only the scope field the role needs. */
function bodyOf(v: Values, role: Role): NewUser {
  const body: NewUser = {
    username: v.username.trim(),
    displayName: v.displayName.trim(),
    role,
    password: v.password,
  };
  if (role === 'township_clerk' && v.townshipCode) body.townshipCode = v.townshipCode;
  if (isInstitutionRole(role) && v.institutionCode) body.institutionCode = v.institutionCode;
  if (role === 'gov_unit' && v.govUnitCode) body.govUnitCode = v.govUnitCode;
  return body;
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const create = useCreateUser();

  const onFinish = (v: Values) => {
    if (!v.role) return;
    create.mutate(bodyOf(v, v.role), {
      onSuccess: (u) => {
        void message.success(t.users.created(u.username));
        onDone();
      },
      onError: (e) => void showFieldError(form, e, FIELDS, lang),
    });
  };

  return (
    <>
      {create.isError && !errorField(create.error, FIELDS) ? (
        <ErrorAlert error={create.error} testId="user-create-error" />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={create.isPending}
        autoComplete="off"
        onValuesChange={(changed: Partial<Values>) => {
          if ('role' in changed) {
            form.setFieldsValue({
              townshipCode: undefined,
              institutionCode: undefined,
              govUnitCode: undefined,
            });
          }
        }}
        data-testid="user-create-form"
      >
        <Form.Item
          label={t.users.username}
          name="username"
          extra={t.users.usernameRule}
          rules={[{ required: true, pattern: USERNAME_RE, message: t.users.usernameRule }]}
        >
          <Input data-testid="user-create-username" />
        </Form.Item>
        <Form.Item
          label={t.users.displayName}
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: t.users.displayNameRequired },
            { max: 50 },
          ]}
        >
          <Input data-testid="user-create-display-name" />
        </Form.Item>
        <Form.Item
          label={t.users.role}
          name="role"
          rules={[{ required: true, message: t.users.roleRequired }]}
        >
          <Select<Role>
            data-testid="user-create-role"
            placeholder={t.users.choose}
            showSearch={{ optionFilterProp: 'label' }}
            options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
          />
        </Form.Item>
        {role === 'township_clerk' ? (
          <Form.Item
            label={t.users.township}
            name="townshipCode"
            rules={[{ required: true, message: t.users.townshipRequired }]}
          >
            <TownshipSelect testId="user-create-township" style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {role && isInstitutionRole(role) ? (
          <Form.Item
            label={t.users.institution}
            name="institutionCode"
            rules={[{ required: true, message: t.users.institutionRequired }]}
          >
            <InstitutionCodeSelect role={role} testId="user-create-institution" />
          </Form.Item>
        ) : null}
        {role === 'gov_unit' ? (
          <Form.Item
            label={t.users.govUnit}
            name="govUnitCode"
            rules={[{ required: true, message: t.users.govUnitRequired }]}
          >
            <GovUnitCodeSelect testId="user-create-gov-unit" />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t.users.password}
          name="password"
          extra={t.users.passwordRule}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" data-testid="user-create-password" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onDone}>{t.common.cancel}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            data-testid="user-create-submit"
          >
            {t.users.create}
          </Button>
        </Flex>
      </Form>
    </>
  );
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t.users.createTitle}
      footer={null}
      destroyOnHidden
      width={560}
    >
      <CreateUserForm onDone={onClose} />
    </Modal>
  );
}
