import { Button, Card, DatePicker, Form, Input, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TownshipSelect, VillageSelect } from '../../components/RegionSelects.tsx';
import { useI18n } from '../../i18n/context.ts';
import { useRecord } from './recordsApi.ts';

/** As src/app/credit/demonstrationVillages.ts answers it. */
interface DemonstrationVillage {
  villageCode: string;
  villageName: string;
  townshipName: string;
  designatedOn: string;
  document: string;
}

const WORDS = {
  zh: {
    intro: '第二条：农行武隆支行作为金融扶贫主办行，要打造3个以上金融扶贫示范村',
    township: '乡镇',
    village: '示范村',
    on: '认定日期',
    document: '认定文件',
    add: '登记示范村',
  },
  en: {
    intro: 'Art. 2: ABC Wulong, the lead bank, builds at least 3 demonstration villages',
    township: 'Township',
    village: 'Demonstration village',
    on: 'Recognised on',
    document: 'Document',
    add: 'Add a demonstration village',
  },
};

/** Art. 2's demonstration villages (decision 0025): the register the target counts. */
export function DemonstrationVillagesTab() {
  const { lang } = useI18n();
  const w = WORDS[lang];
  const [township, setTownship] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['records', 'demonstration-villages'],
    queryFn: ({ signal }) =>
      api<{ items: DemonstrationVillage[] }>('/credit/demonstration-villages', { signal }),
  });
  const add = useRecord(() => '/credit/demonstration-villages');
  return (
    <Card data-testid="demonstration-villages">
      <p>{w.intro}</p>
      <Form
        layout="inline"
        style={{ marginBottom: 12 }}
        onFinish={(v: { villageCode: string; on: Dayjs; document: string }) =>
          add.mutate({
            villageCode: v.villageCode,
            designatedOn: v.on.format('YYYY-MM-DD'),
            document: v.document,
          })
        }
      >
        <Form.Item>
          <TownshipSelect testId="demonstration-township" value={township} onChange={setTownship} />
        </Form.Item>
        <Form.Item name="villageCode" rules={[{ required: true }]}>
          <VillageSelect township={township} testId="demonstration-village" />
        </Form.Item>
        <Form.Item name="on" rules={[{ required: true }]}>
          <DatePicker placeholder={w.on} />
        </Form.Item>
        <Form.Item name="document" rules={[{ required: true }]}>
          <Input placeholder={w.document} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {w.add}
        </Button>
      </Form>
      {add.error ? <ErrorAlert error={add.error} /> : null}
      <Table<DemonstrationVillage>
        rowKey="villageCode"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: w.township, dataIndex: 'townshipName' },
          { title: w.village, dataIndex: 'villageName' },
          { title: w.on, dataIndex: 'designatedOn' },
          { title: w.document, dataIndex: 'document' },
        ]}
      />
    </Card>
  );
}
