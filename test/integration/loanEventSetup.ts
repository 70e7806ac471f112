import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { requestLoanEvent } from '../../src/app/loans/loanEvents.ts';
import { execute } from '../../src/app/useCase.ts';
import type { LoanFixture } from './loanSetup.ts';

/** Pending loan events for the registry walk's approve and reject inputs. */
export interface EventFixture {
  approve: { id: string; eventId: string };
  reject: { id: string; eventId: string };
}

/**
 * Builds, once, two more disbursed loans of the officer's bank, each with an extension
 * the officer requested (so a district office, another person, may decide it).
 */
export function lazyEventFixture(
  app: App,
  officer: Actor,
  loans: () => Promise<LoanFixture>,
  householdId: string,
): () => Promise<EventFixture> {
  let built: Promise<EventFixture> | undefined;
  const pending = async (contractNo: string) => {
    const { productId } = await loans();
    const l = await execute(app, officer, applyForLoan, {
      productId,
      householdId,
      contractNo,
      amount: '20000',
      annualRate: '4.75',
      termMonths: 24,
      appliedOn: '2017-03-10',
    });
    await execute(app, officer, approveLoan, { id: l.id });
    await execute(app, officer, disburseLoan, {
      id: l.id,
      contractDate: '2017-03-12',
      disbursedOn: '2017-03-12',
    });
    const e = await execute(app, officer, requestLoanEvent, {
      id: l.id,
      kind: 'extension',
      effectiveOn: '2017-06-01',
      termMonths: 24,
      nonMalicious: true,
      reason: '登记测试：因病暂时无力还款',
    });
    return { id: l.id, eventId: e.id };
  };
  const build = async (): Promise<EventFixture> => ({
    approve: await pending('REG-EVENT-APPROVE'),
    reject: await pending('REG-EVENT-REJECT'),
  });
  return () => (built ??= build());
}
