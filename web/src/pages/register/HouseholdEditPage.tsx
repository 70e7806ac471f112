import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { toApiError } from '../../api/client.ts';
import { useAddPovertyStatus, useHousehold, usePatchHousehold } from '../../api/households.ts';
import { useRegions } from '../../api/regions.ts';
import {
  POVERTY_STATUSES,
  type Household,
  type HouseholdPatch,
  type PovertyStatus,
} from '../../api/types.ts';
import { ErrorAlert, bilingual } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import {
  TownshipSelect,
  VillageSelect,
  useRegionOptions,
} from '../../components/RegionSelects.tsx';
import { PovertyStatusTag } from '../../components/StatusTags.tsx';
import { useI18n } from '../../i18n/context.ts';
import { paths } from '../../paths.ts';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';

/** Mobile (11 digits) or landline with area code, e.g. 023-77712345. */
const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

interface BasicValues {
  headName: string;
  phone: string;
  address: string;
  township: string | undefined;
  villageCode: string | undefined;
  groupCode: string | undefined;
}

/** Roles without access to full personal data get the phone masked: it can be replaced, not read. */
function phoneIsMasked(h: Household): boolean {
  return Boolean(h.phone?.includes('*'));
}

interface StatusValues {
  status: PovertyStatus | undefined;
  effectiveFrom: Dayjs | undefined;
  source: string;
}

function initialBasic(h: Household): BasicValues {
  return {
    headName: h.headName,
    phone: phoneIsMasked(h) ? '' : (h.phone ?? ''),
    address: h.address ?? '',
    township: h.townshipCode,
    villageCode: h.villageCode,
    groupCode: h.groupCode ?? undefined,
  };
}

/** Only the fields that changed, with the version the edit started from; empty clears. */
function patchOf(h: Household, v: BasicValues): HouseholdPatch | null {
  const body: HouseholdPatch = { version: h.version };
  const headName = v.headName.trim();
  const phone = v.phone.trim();
  const address = v.address.trim();
  if (headName !== h.headName) body.headName = headName;
  if (phoneIsMasked(h)) {
    if (phone) body.phone = phone;
  } else if (phone !== (h.phone ?? '')) {
    body.phone = phone || null;
  }
  if (address !== (h.address ?? '')) body.address = address || null;
  if (v.villageCode && v.villageCode !== h.villageCode) body.villageCode = v.villageCode;
  const groupCode = v.groupCode ?? null;
  if (groupCode !== (h.groupCode ?? null)) body.groupCode = groupCode;
  return Object.keys(body).length > 1 ? body : null;
}

function BasicForm({ h, onReload }: { h: Household; onReload: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<BasicValues>();
  const township = Form.useWatch('township', form);
  const village = Form.useWatch('villageCode', form);
  const groups = useRegions('group', village, Boolean(village));
  const groupOptions = useRegionOptions(groups.data);
  const patch = usePatchHousehold(h.id);

  // A newer version (saved here or reloaded after a conflict) restarts the form from it.
  useEffect(() => {
    form.setFieldsValue(initialBasic(h));
    // Depends on the version only: a refetch of the same version keeps what the user typed.
  }, [form, h.version]);

  const onFinish = (v: BasicValues) => {
    const body = patchOf(h, v);
    if (!body) {
      void message.info(t.households.nothingChanged);
      return;
    }
    patch.mutate(body, {
      onSuccess: () => {
        void message.success(t.common.saved);
        void navigate(paths.household(h.id), { state: location.state });
      },
      onError: (e) => {
        const err = toApiError(e);
        const fieldName = err.field;
        if (fieldName && fieldName in initialBasic(h)) {
          form.setFields([
            { name: fieldName as keyof BasicValues, errors: [bilingual(err, lang).primary] },
          ]);
        }
      },
    });
  };

  return (
    <Card title={t.households.editBasic} style={{ marginBottom: 16 }}>
      {patch.isError ? (
        <SaveErrorAlert
          error={patch.error}
          testId="household-edit-error"
          onReset={patch.reset}
          onReload={onReload}
        />
      ) : null}
      <Form<BasicValues>
        form={form}
        layout="vertical"
        initialValues={initialBasic(h)}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<BasicValues>) => {
          if ('township' in changed) {
            form.setFieldsValue({ villageCode: undefined, groupCode: undefined });
          }
          if ('villageCode' in changed) form.setFieldValue('groupCode', undefined);
        }}
        disabled={patch.isPending}
        data-testid="household-edit-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.households.headName}
              name="headName"
              rules={[{ required: true, whitespace: true, max: 50 }]}
            >
              <Input data-testid="edit-head-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.households.phone}
              name="phone"
              rules={[{ pattern: PHONE_RE, message: t.households.phoneInvalid }]}
            >
              <Input
                inputMode="tel"
                placeholder={phoneIsMasked(h) ? (h.phone ?? undefined) : undefined}
                data-testid="edit-phone"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.regions.township} name="township">
              <TownshipSelect testId="edit-township" allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t.regions.village}
              name="villageCode"
              rules={[{ required: true, message: t.households.villageRequired }]}
            >
              <VillageSelect
                testId="edit-village"
                township={township}
                allowClear={false}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.regions.group} name="groupCode">
              <Select<string>
                allowClear
                disabled={!village}
                placeholder={t.regions.anyGroup}
                options={groupOptions}
                loading={groups.isLoading}
                data-testid="edit-group"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label={t.households.address}
              name="address"
              rules={[{ max: 200, message: t.households.addressTooLong }]}
            >
              <Input.TextArea rows={2} data-testid="edit-address" />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={8}>
          <Button
            type="primary"
            htmlType="submit"
            loading={patch.isPending}
            data-testid="edit-submit"
          >
            {t.common.save}
          </Button>
          <Button
            onClick={() => void navigate(paths.household(h.id), { state: location.state })}
            data-testid="edit-cancel"
          >
            {t.common.cancel}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

function StatusForm({ h }: { h: Household }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<StatusValues>();
  const add = useAddPovertyStatus(h.id);

  const onFinish = (v: StatusValues) => {
    if (!v.status || !v.effectiveFrom) return;
    add.mutate(
      {
        status: v.status,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        source: v.source.trim(),
      },
      {
        onSuccess: () => {
          void message.success(t.households.statusChanged);
          form.resetFields();
        },
      },
    );
  };

  return (
    <Card title={t.households.statusChange}>
      <Typography.Paragraph type="secondary">{t.households.statusChangeHint}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t.households.povertyStatus}</Typography.Text>{' '}
        <PovertyStatusTag status={h.povertyStatus} />
      </Typography.Paragraph>
      {add.isError ? <ErrorAlert error={add.error} testId="status-change-error" /> : null}
      <Form<StatusValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={add.isPending}
        data-testid="status-change-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t.households.newStatus}
              name="status"
              rules={[{ required: true, message: t.households.statusRequired }]}
            >
              <Select<PovertyStatus>
                data-testid="status-select"
                options={POVERTY_STATUSES.map((s) => ({ value: s, label: t.povertyStatus[s] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t.households.effectiveFrom}
              name="effectiveFrom"
              rules={[{ required: true, message: t.households.effectiveFromRequired }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="status-effective-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t.households.source}
              name="source"
              rules={[{ required: true, whitespace: true, message: t.households.sourceRequired }]}
            >
              <Input placeholder={t.households.sourcePlaceholder} data-testid="status-source" />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          loading={add.isPending}
          data-testid="status-submit"
        >
          {t.households.addStatusChange}
        </Button>
      </Form>
    </Card>
  );
}

export function HouseholdEditPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const household = useHousehold(id);
  return (
    <div data-testid="household-edit-page">
      <QueryState query={household}>
        {(h) => (
          <>
            <PageHeader title={t.households.editTitle(h.headName)} subtitle={h.householdNo} />
            <BasicForm h={h} onReload={() => void household.refetch()} />
            <StatusForm h={h} />
          </>
        )}
      </QueryState>
    </div>
  );
}
