import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { createGuarantee } from '../../src/app/guarantees/guarantees.ts';
import { recordGuaranteeEvent } from '../../src/app/guarantees/guaranteeRecords.ts';
import { checkLossClaim } from '../../src/app/losses/lossClaimCheck.ts';
import { fileLossClaim } from '../../src/app/losses/lossClaims.ts';
import { addPropertyPilot } from '../../src/app/losses/propertyPilots.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { execute } from '../../src/app/useCase.ts';
import { microLoan, quarterlyProduct } from './settlementSetup.ts';

/** Records in each state the registry walk's loss inputs need. */
export interface LossFixture {
  productId: string;
  /** The contract of an ICBC loan unpaid since 2016-04-10 (non-performing), no claim yet. */
  unclaimedContractNo: string;
  /** A claim filed on another such loan, awaiting the district's check. */
  filedClaimId: string;
  /** A claim the fund paid (run approved and paid), for recoveries. */
  paidClaimId: string;
  /** A 兴农担保 guarantee that compensated 5,000 on 2017-03-01, with no claim yet. */
  guaranteeId: string;
  /** ICBC, an art. 19 pilot institution from 2016-06-01 (after the loans), not ended. */
  pilotInstitutionId: string;
}

/**
 * Builds, once, four ICBC micro-credit loans of 10,000 contracted 2016-01-10 on which
 * nothing was paid, and the claims around them; the paid claim is settled by a run of
 * the check day (the clock's business day), prepared by the administrator, reviewed by
 * the poverty office, approved and paid by the finance bureau.
 */
export function lazyLossFixture(
  app: App,
  actors: { admin: Actor; icbc: Actor; fpb: Actor; czj: Actor; guarantor: Actor },
): () => Promise<LossFixture> {
  let built: Promise<LossFixture> | undefined;
  const build = async (): Promise<LossFixture> => {
    const { admin, icbc, fpb, czj, guarantor } = actors;
    const p = await quarterlyProduct(app, admin, 'MC-LOSS-REGISTRY');
    const loan = (seq: number) =>
      microLoan(app, { admin, icbc }, p.id, {
        seq,
        amount: '10000',
        annualRate: '4.75',
        termMonths: 36,
        contractDate: '2016-01-10',
        payments: [],
      });
    // Loans are named by their contract numbers, SETTLE-961 … SETTLE-964, below.
    for (const seq of [961, 962, 963, 964]) await loan(seq);
    const file = (loanContractNo: string) =>
      execute(app, icbc, fileLossClaim, {
        loanContractNo,
        lossDate: '2016-12-31',
        principalLoss: '10000',
        evidence: '登记测试',
      });
    const filedClaim = await file('SETTLE-962');
    const paidClaim = await file('SETTLE-963');
    const checked = await execute(app, czj, checkLossClaim, {
      id: paidClaim.id,
      decision: 'approve',
    });
    const day = checked.checkedOn!;
    const run = await execute(app, admin, prepareRun, { period: `${day}..${day}` });
    await execute(app, admin, submitRun, { id: run.id });
    await execute(app, fpb, reviewRun, { id: run.id });
    await execute(app, czj, approveRun, { id: run.id });
    await execute(app, czj, payRun, { id: run.id, paymentReference: 'REG-LOSS', paidOn: day });
    const g = await execute(app, guarantor, createGuarantee, {
      contractNo: 'REG-LOSS-GUAR',
      lenderId: icbc.institutionId,
      loanContractNo: 'SETTLE-964',
      feeRate: '1',
      amount: '10000',
      startDate: '2016-01-10',
      endDate: '2019-01-10',
    });
    await execute(app, guarantor, recordGuaranteeEvent, {
      id: g.id,
      kind: 'compensation',
      occurredOn: '2017-03-01',
      amount: '5000',
    });
    await execute(app, admin, addPropertyPilot, {
      institutionId: icbc.institutionId,
      fromDate: '2016-06-01',
      document: '登记测试试点',
    });
    return {
      pilotInstitutionId: icbc.institutionId!,
      productId: p.id,
      unclaimedContractNo: 'SETTLE-961',
      filedClaimId: filedClaim.id,
      paidClaimId: paidClaim.id,
      guaranteeId: g.id,
    };
  };
  return () => (built ??= build());
}
