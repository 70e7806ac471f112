import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { LoanStatus, LoanTable } from '../../store/schema.ts';

/** A loan as the API shows it: money in yuan text, rates in percent text. */
export interface LoanSummary {
  id: string;
  contractNo: string;
  productId: string;
  institutionId: string;
  householdId: string;
  townshipCode: string;
  villageCode: string;
  amount: string;
  annualRate: string;
  termMonths: number;
  method: LoanTable['method'];
  appliedOn: string;
  status: LoanStatus;
  refusal: FailedCondition[] | null;
  contractDate: string | null;
  disbursedOn: string | null;
  maturityDate: string | null;
  needId: string | null;
  version: number;
}

export function loanOut(l: LoanTable): LoanSummary {
  return {
    id: l.id,
    contractNo: l.contract_no,
    productId: l.product_id,
    institutionId: l.institution_id,
    householdId: l.household_id,
    townshipCode: l.township_code,
    villageCode: l.village_code,
    amount: fenToYuanString(l.amount as Fen),
    annualRate: l.annual_rate,
    termMonths: l.term_months,
    method: l.method,
    appliedOn: l.applied_on,
    status: l.status,
    refusal: l.refusal_json === null ? null : (JSON.parse(l.refusal_json) as FailedCondition[]),
    contractDate: l.contract_date,
    disbursedOn: l.disbursed_on,
    maturityDate: l.maturity_date,
    needId: l.need_id,
    version: l.version,
  };
}
