import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../app/actor.ts';
import type { App } from '../app/app.ts';
import { AppError, forbidden } from '../app/errors.ts';
import { ExportTarget, exportRegister } from '../app/register/exportRegister.ts';
import {
  IMPORT_MAX_BYTES,
  importHouseholds,
  ImportSource,
  spoolStream,
  tempDir,
  type ImportReport,
} from '../app/register/importHouseholds.ts';
import { importRepayments } from '../app/loans/repaymentImport.ts';
import { uploadLedger } from '../app/loans/bankExchangeLedger.ts';
import { paymentList } from '../app/settlement/paymentList.ts';
import { statisticsTemplate } from '../app/statistics/reportTemplate.ts';
import { STATISTICS_UPLOAD_MAX_BYTES, uploadReport } from '../app/statistics/reportUpload.ts';
import { quarterlyReportPdf } from '../app/supervision/quarterlyReportPdf.ts';
import { quarterlyReportXlsx } from '../app/supervision/quarterlyReportXlsx.ts';
import { execute, type UseCase } from '../app/useCase.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Windows browsers label .csv as vnd.ms-excel; the import sniffs the bytes anyway. */
const UPLOAD_TYPES = [
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  XLSX,
  'application/octet-stream',
];

const notAFile = () =>
  new AppError(
    'invalid',
    'unsupported_media_type',
    '请以 text/csv 或 .xlsx 的内容类型上传文件原文',
    `send the file itself as the body, with content type text/csv or ${XLSX}`,
    'body',
  );

/**
 * The file routes: raw-body imports of the register and of banks' repayment files (up to
 * 200 MB, these routes only) and the .xlsx exports (the register, a run's payment list). Their bodies are files, not JSON, so they sit outside the generic ROUTES.
 */
export async function registerFileRoutes(
  api: FastifyInstance,
  app: App,
  requireActor: (req: FastifyRequest) => Promise<Actor>,
): Promise<void> {
  await api.register(async (scope) => {
    // Hand the body over unread; it is copied to disk under our own size cap.
    scope.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

    const importRoute = (
      url: string,
      tag: string,
      summary: string,
      useCase: UseCase<{ source: ImportSource; mode: unknown }, ImportReport>,
    ): void => {
      scope.post(
        url,
        {
          bodyLimit: IMPORT_MAX_BYTES,
          schema: {
            tags: [tag],
            summary,
            querystring: {
              type: 'object',
              properties: {
                mode: { type: 'string', enum: ['dry-run', 'commit'], default: 'dry-run' },
              },
            },
          },
        },
        async (req, reply) => {
          const actor = await requireActor(req);
          // Refuse before reading up to 200 MB that would be thrown away.
          if (!useCase.roles.includes(actor.role)) throw forbidden();
          if (!(req.body instanceof Readable)) throw notAFile();
          const declared = Number(req.headers['content-length'] ?? 0);
          if (declared > IMPORT_MAX_BYTES) {
            throw new AppError(
              'invalid',
              'file_too_large',
              '文件超过 200 MB 上限',
              'the file is larger than the 200 MB limit',
              'body',
            );
          }
          const name = fileNameOf(req.headers['x-file-name']);
          const tmp = await tempDir();
          try {
            // Copy the upload before the use case opens its transaction: a slow client must
            // not hold the database.
            const path = join(tmp.dir, 'upload');
            await spoolStream(req.body, path, IMPORT_MAX_BYTES);
            const { mode } = req.query as { mode?: unknown };
            const report = await execute(app, actor, useCase, {
              source: ImportSource.fromPath(path, name),
              mode,
            });
            // A refused commit is unprocessable content; the body is the same report.
            void reply.status(report.mode === 'commit' && report.errorCount > 0 ? 422 : 200);
            return report;
          } finally {
            await tmp.dispose();
          }
        },
      );
    };

    importRoute(
      '/imports/households',
      'register',
      '导入农户名册（CSV/.xlsx 原文） Import the register (raw CSV or .xlsx body)',
      importHouseholds,
    );
    importRoute(
      '/imports/ledger',
      'loans',
      '上传银行贷款台账（CSV/.xlsx 原文） Upload a bank loan ledger (raw CSV or .xlsx body)',
      uploadLedger,
    );
    importRoute(
      '/imports/repayments',
      'loans',
      '导入银行还款文件（CSV/.xlsx 原文） Import a bank repayment file (raw CSV or .xlsx body)',
      importRepayments,
    );

    // A bank's filled-in statistics template: a few KB, checked like the form (decision 0020).
    scope.post(
      '/statistics/reports/upload',
      {
        schema: {
          tags: ['statistics'],
          summary: '上传统计报表（.xlsx 模板原文） Upload a statistics report (the .xlsx template)',
        },
      },
      async (req, reply) => {
        const actor = await requireActor(req);
        if (!uploadReport.roles.includes(actor.role)) throw forbidden();
        if (!(req.body instanceof Readable)) throw notAFile();
        const tmp = await tempDir();
        try {
          const path = join(tmp.dir, 'upload');
          await spoolStream(req.body, path, STATISTICS_UPLOAD_MAX_BYTES);
          const source = ImportSource.fromPath(path, fileNameOf(req.headers['x-file-name']));
          const report = await execute(app, actor, uploadReport, { source });
          void reply.status(201);
          return report;
        } finally {
          await tmp.dispose();
        }
      },
    );

    /** An .xlsx (or `type`) the use case writes to a temp file, streamed back then deleted. */
    const xlsxRoute = (
      url: string,
      tag: string,
      summary: string,
      querystring: Record<string, unknown>,
      useCase: UseCase<{ target: ExportTarget }, unknown>,
      names: { ascii: string; zh: string },
      type = XLSX,
    ): void => {
      scope.get(
        url,
        {
          schema: {
            tags: [tag],
            summary,
            querystring: { type: 'object', properties: querystring },
          },
        },
        async (req, reply) => {
          const actor = await requireActor(req);
          const tmp = await tempDir();
          try {
            const path = join(tmp.dir, names.ascii);
            await execute(app, actor, useCase, {
              ...(req.query as object),
              ...(req.params as object),
              target: ExportTarget.toPath(path),
            });
            const file = createReadStream(path);
            file.on('close', () => void tmp.dispose());
            return reply
              .header('content-type', type)
              .header(
                'content-disposition',
                `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.zh)}`,
              )
              .send(file);
          } catch (err) {
            await tmp.dispose();
            throw err;
          }
        },
      );
    };

    xlsxRoute(
      '/exports/register',
      'register',
      '导出农户名册（.xlsx） Export the register (.xlsx)',
      { township: { type: 'string' }, full: { type: 'boolean', default: false } },
      exportRegister,
      { ascii: 'register.xlsx', zh: '农户名册.xlsx' },
    );
    xlsxRoute(
      '/statistics/template.xlsx',
      'statistics',
      '统计报表模板（.xlsx） Statistics report template (.xlsx)',
      { period: { type: 'string' } },
      statisticsTemplate,
      { ascii: 'statistics-template.xlsx', zh: '金融机构统计报表模板.xlsx' },
    );
    xlsxRoute(
      '/settlement/runs/:id/payment-list.xlsx',
      'settlement',
      '支付清单（.xlsx） Payment list of a run (.xlsx)',
      {},
      paymentList,
      { ascii: 'payment-list.xlsx', zh: '财政补贴支付清单.xlsx' },
    );
    xlsxRoute(
      '/supervision/quarterly-report.xlsx',
      'supervision',
      '季度报告（.xlsx） Quarterly report (.xlsx)',
      { quarter: { type: 'string' } },
      quarterlyReportXlsx,
      { ascii: 'quarterly-report.xlsx', zh: '金融精准扶贫季度报告.xlsx' },
    );
    xlsxRoute(
      '/supervision/quarterly-report.pdf',
      'supervision',
      '季度报告（PDF，需服务器安装 Chromium） Quarterly report (PDF, needs Chromium on the server)',
      { quarter: { type: 'string' } },
      quarterlyReportPdf,
      { ascii: 'quarterly-report.pdf', zh: '金融精准扶贫季度报告.pdf' },
      'application/pdf',
    );
  });
}

/** The optional X-File-Name header (percent-encoded UTF-8), for the report and audit only. */
function fileNameOf(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return 'upload';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
