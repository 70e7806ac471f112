import type { Kysely } from 'kysely';

/**
 * What settlement needs to know beyond the loans themselves (issue 5, second increment;
 * decision 0016): the facts a loan's own subsidy rule reads that a loan contract does
 * not carry (the art. 14 entity, the art. 16 housing flag, the art. 17 graduation
 * date); and the guarantee contracts whose fees arts. 12, 20 and 22 subsidise, with the
 * new guarantee amount of each year and the guarantor's compensations and recoveries;
 * and the insurance policies whose premiums arts. 24 and 26 share, with their claims.
 * Money is integer fen in BIGINT; every key starts with region_code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('loan_subsidy_facts')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    /** Art. 14: the operator whose project the loan finances. */
    .addColumn('operator_id', 'text')
    /** Art. 14: the project raises registered poor households' income (1/0). */
    .addColumn('drives_poor_income', 'integer')
    /** Art. 16: a registered poor household's relocation housing loan (1/0). */
    .addColumn('registered_poor_housing', 'integer')
    /** Art. 17: the student's last day in school. */
    .addColumn('in_school_until', 'text')
    /** Art. 17 supplementary loans: the student is from Chongqing (1/0). */
    .addColumn('from_chongqing', 'integer')
    /** Art. 17 supplementary loans: the student's household is on 城乡低保 (1/0). */
    .addColumn('low_income', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_subsidy_facts_pk', ['region_code', 'loan_id'])
    .execute();

  await db.schema
    .createTable('guarantees')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('guarantor_id', 'text', (c) => c.notNull())
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    // Copied from the loan: the lender, the borrower and where it lives.
    .addColumn('institution_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    /** Annual fee rate, exact percent text ('1.5'). */
    .addColumn('fee_rate', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    /** Art. 22 only: 'enterprise' | 'large-farmer' | 'other', and whether in a poor township. */
    .addColumn('borrower_kind', 'text')
    .addColumn('in_poor_township', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('guarantees_pk', ['region_code', 'id'])
    .addUniqueConstraint('guarantees_contract_uq', ['region_code', 'guarantor_id', 'contract_no'])
    .addUniqueConstraint('guarantees_loan_uq', ['region_code', 'loan_id'])
    .execute();

  // 新增担保发生额: what the guarantee newly covered in each year (arts. 12, 15, 20).
  await db.schema
    .createTable('guarantee_years')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('guarantee_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('new_amount', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guarantee_years_pk', ['region_code', 'guarantee_id', 'year'])
    .execute();

  // The guarantor's compensations (代偿) of the lender, and what it recovered later.
  await db.schema
    .createTable('guarantee_events')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('guarantee_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guarantee_events_pk', ['region_code', 'id'])
    .execute();
  await db.schema
    .createIndex('guarantee_events_guarantee_idx')
    .on('guarantee_events')
    .columns(['region_code', 'guarantee_id', 'occurred_on'])
    .execute();

  await db.schema
    .createTable('insurance_policies')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('insurer_id', 'text', (c) => c.notNull())
    .addColumn('policy_no', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    /** 'central-subsidy' (art. 24) | 'income' (art. 26) | 'other'. */
    .addColumn('scheme', 'text', (c) => c.notNull())
    /** What is insured: art. 26's products (rice, hogs, …) or 'other'. */
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('premium', 'bigint', (c) => c.notNull())
    // The premium subsidies already applied by each level; the household bears the rest.
    .addColumn('central_share', 'bigint', (c) => c.notNull())
    .addColumn('city_share', 'bigint', (c) => c.notNull())
    .addColumn('district_share', 'bigint', (c) => c.notNull())
    .addColumn('premium_date', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insurance_policies_pk', ['region_code', 'id'])
    .addUniqueConstraint('insurance_policies_no_uq', ['region_code', 'insurer_id', 'policy_no'])
    .execute();
  await db.schema
    .createIndex('insurance_policies_premium_idx')
    .on('insurance_policies')
    .columns(['region_code', 'premium_date'])
    .execute();

  await db.schema
    .createTable('insurance_claims')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('insurance_claims_pk', ['region_code', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'insurance_claims',
    'insurance_policies',
    'guarantee_events',
    'guarantee_years',
    'guarantees',
    'loan_subsidy_facts',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
