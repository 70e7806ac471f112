import {
  App as AntApp,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useOperator, usePatchOperator } from '../../api/operators.ts';
import {
  OPERATOR_KINDS,
  type Operator,
  type OperatorKind,
  type OperatorPatch,
} from '../../api/types.ts';
import { REGISTER_WRITERS } from '../../auth/roles.ts';
import { RequireRole } from '../../auth/RequireRole.tsx';
import { useCurrentUser } from '../../auth/UserContext.ts';
import { errorField, showFieldError } from '../../components/fieldErrors.ts';
import { ART15_POOR_SHARE, poorShare } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { TownshipSelect, VillageSelect } from '../../components/RegionSelects.tsx';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';

interface Values {
  name: string;
  kind: OperatorKind;
  township: string | undefined;
  villageCode: string | undefined;
  legalRepresentative: string;
  workforce: number | null;
  poorWorkforce: number | null;
}

/** Fields an API error (`field` of the error body) can be shown under. */
const FIELDS = [
  'name',
  'kind',
  'villageCode',
  'legalRepresentative',
  'workforce',
  'poorWorkforce',
] as const;

function initialValues(op: Operator): Values {
  return {
    name: op.name,
    kind: op.kind,
    township: op.townshipCode ?? undefined,
    villageCode: op.villageCode ?? undefined,
    legalRepresentative: op.legalRepresentative ?? '',
    workforce: op.workforce,
    poorWorkforce: op.poorWorkforce,
  };
}

/** Only the fields that changed, with the version the edit started from; empty clears. */
function patchOf(op: Operator, v: Values): OperatorPatch | null {
  const body: OperatorPatch = { version: op.version ?? 0 };
  const name = v.name.trim();
  const legalRepresentative = v.legalRepresentative.trim();
  if (name !== op.name) body.name = name;
  if (v.kind !== op.kind) body.kind = v.kind;
  if (v.villageCode && v.villageCode !== op.villageCode) body.villageCode = v.villageCode;
  if (legalRepresentative !== (op.legalRepresentative ?? '')) {
    body.legalRepresentative = legalRepresentative || null;
  }
  if (v.workforce !== null && v.workforce !== op.workforce) body.workforce = v.workforce;
  if (v.poorWorkforce !== null && v.poorWorkforce !== op.poorWorkforce) {
    body.poorWorkforce = v.poorWorkforce;
  }
  return Object.keys(body).length > 1 ? body : null;
}

/** The poor-workforce share as typed, and whether it reaches art. 15's 20% (a hint only). */
function PoorShareHint({
  workforce,
  poorWorkforce,
}: {
  workforce: number | null | undefined;
  poorWorkforce: number | null | undefined;
}) {
  const { t } = useI18n();
  const share = poorShare(workforce ?? null, poorWorkforce ?? null);
  return (
    <Typography.Paragraph data-testid="operator-edit-poor-share">
      <Typography.Text type="secondary">{t.operators.poorShare}</Typography.Text>{' '}
      {share === null ? (
        <Typography.Text type="secondary">{t.operators.shareUnknown}</Typography.Text>
      ) : (
        <>
          <Tag color={share >= ART15_POOR_SHARE ? 'green' : 'default'}>
            {t.common.percent(share)}
          </Tag>
          <Typography.Text type={share >= ART15_POOR_SHARE ? 'success' : 'secondary'}>
            {share >= ART15_POOR_SHARE ? t.operators.art15Met : t.operators.art15NotMet}
          </Typography.Text>
        </>
      )}
      <br />
      <Typography.Text type="secondary">{t.operators.poorShareHint}</Typography.Text>
    </Typography.Paragraph>
  );
}

function EditForm({ op, onReload }: { op: Operator; onReload: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const township = Form.useWatch('township', form);
  const workforce = Form.useWatch('workforce', form);
  const poorWorkforce = Form.useWatch('poorWorkforce', form);
  const patch = usePatchOperator(op.id);

  // A newer version (saved here or reloaded after a conflict) restarts the form from it.
  useEffect(() => {
    form.setFieldsValue(initialValues(op));
    // Depends on the version only: a refetch of the same version keeps what the user typed.
  }, [form, op.version]);

  const toDetail = () => void navigate(paths.operator(op.id), { state: location.state });

  const onFinish = (v: Values) => {
    const body = patchOf(op, v);
    if (!body) {
      void message.info(t.operators.nothingChanged);
      return;
    }
    patch.mutate(body, {
      onSuccess: () => {
        void message.success(t.common.saved);
        toDetail();
      },
      onError: (e) => void showFieldError(form, e, FIELDS, lang),
    });
  };

  const count = [
    { required: true, message: t.operators.countRequired },
    { type: 'integer' as const, min: 0, message: t.operators.countInvalid },
  ];

  return (
    <Card title={t.operators.editBasic}>
      {patch.isError && !errorField(patch.error, FIELDS) ? (
        <SaveErrorAlert
          error={patch.error}
          testId="operator-edit-error"
          onReset={patch.reset}
          onReload={onReload}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(op)}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          if ('township' in changed) form.setFieldValue('villageCode', undefined);
        }}
        disabled={patch.isPending}
        data-testid="operator-edit-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.operators.name}
              name="name"
              rules={[
                { required: true, whitespace: true, message: t.operators.nameRequired },
                { max: 100, message: t.operators.nameTooLong },
              ]}
            >
              <Input data-testid="operator-edit-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.operators.kind} name="kind" rules={[{ required: true }]}>
              <Select<OperatorKind>
                data-testid="operator-edit-kind"
                options={OPERATOR_KINDS.map((k) => ({ value: k, label: t.operatorKind[k] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.operators.uscc} extra={t.operators.usccReadOnly}>
              <Input value={op.uscc ?? ''} readOnly disabled data-testid="operator-edit-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.operators.legalRepresentative}
              name="legalRepresentative"
              rules={[{ max: 50, message: t.operators.legalRepTooLong }]}
            >
              <Input data-testid="operator-edit-legal-rep" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.regions.township} name="township">
              <TownshipSelect
                testId="operator-edit-township"
                allowClear={false}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.regions.village}
              name="villageCode"
              rules={[{ required: true, message: t.operators.villageRequired }]}
            >
              <VillageSelect
                testId="operator-edit-village"
                township={township}
                allowClear={false}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.operators.workforce} name="workforce" rules={count}>
              <InputNumber
                min={0}
                precision={0}
                style={{ width: '100%' }}
                data-testid="operator-edit-workforce"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.operators.poorWorkforce}
              name="poorWorkforce"
              dependencies={['workforce']}
              rules={[
                ...count,
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null | undefined) => {
                    const total = getFieldValue('workforce') as number | null | undefined;
                    if (typeof value !== 'number' || typeof total !== 'number' || value <= total) {
                      return Promise.resolve();
                    }
                    return Promise.reject(new Error(t.operators.poorExceedsWorkforce));
                  },
                }),
              ]}
            >
              <InputNumber
                min={0}
                precision={0}
                style={{ width: '100%' }}
                data-testid="operator-edit-poor-workforce"
              />
            </Form.Item>
          </Col>
        </Row>
        <PoorShareHint workforce={workforce} poorWorkforce={poorWorkforce} />
        <Flex gap={8}>
          <Button
            type="primary"
            htmlType="submit"
            loading={patch.isPending}
            data-testid="operator-edit-submit"
          >
            {t.common.save}
          </Button>
          <Button onClick={toDetail} data-testid="operator-edit-cancel">
            {t.common.cancel}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

export function OperatorEditPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const operator = useOperator(id);
  return (
    <div data-testid="operator-edit-page">
      <RequireRole user={me} roles={REGISTER_WRITERS} message={t.errors.forbidden}>
        <QueryState query={operator}>
          {(op) => (
            <>
              <PageHeader title={t.operators.editTitle(op.name)} subtitle={op.uscc ?? undefined} />
              <EditForm op={op} onReload={() => void operator.refetch()} />
            </>
          )}
        </QueryState>
      </RequireRole>
    </div>
  );
}
