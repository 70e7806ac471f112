import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateRule,
  inputJsonSchema,
  policyData,
  resultToJson,
} from '../../src/app/policy/evaluate.ts';
import { readScenarioFile, scenarioFiles } from '../../src/app/policy/scenarios.ts';
import { DomainError } from '../../src/core/errors.ts';
import { buildRegistry, getRule, RULES } from '../../src/core/rules/registry.ts';
import type { RuleResult } from '../../src/core/rules/rule.ts';

const data = policyData();

const sum = (r: RuleResult): number => r.amounts.reduce((s, a) => s + a.amount, 0);
const yuan = (fen: number): string =>
  `${String(Math.trunc(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;
const output = (r: RuleResult, name: string): number => {
  const o = r.outputs.find((x) => x.name === name);
  if (o === undefined || o.kind !== 'fen') throw new Error(`no output ${name}`);
  return o.value;
};

describe('rule catalogue', () => {
  it('quotes every article verbatim from the policy text', () => {
    for (const rule of RULES.values()) {
      for (const part of rule.articleText.split('……')) {
        expect(data.policyText.includes(part), `${rule.id}: ${part}`).toBe(true);
      }
    }
  });

  it('reads only parameters that exist', () => {
    for (const rule of RULES.values()) {
      for (const id of rule.parameterIds) {
        expect(data.parameters.parameters.has(id), `${rule.id}: ${id}`).toBe(true);
      }
    }
  });

  it('refuses two rules with one id', () => {
    const rule = getRule('art20.land-income-guarantee-subsidy');
    expect(() => buildRegistry([rule, rule])).toThrow(
      expect.objectContaining({ code: 'RULE_DUPLICATE_ID' }),
    );
  });

  it('names the field of an unknown rule', () => {
    expect(() => getRule('art99.nothing')).toThrow(
      expect.objectContaining({ code: 'RULE_UNKNOWN', field: 'rule' }),
    );
  });

  it('produces a JSON schema of the input for every rule', () => {
    for (const rule of RULES.values()) {
      const schema = inputJsonSchema(rule) as { type?: string; additionalProperties?: boolean };
      expect(schema.type, rule.id).toBe('object');
      expect(schema.additionalProperties, rule.id).toBe(false);
    }
  });
});

describe('input validation', () => {
  const base = {
    loan: {
      principal: '30000.00',
      contractDate: '2017-04-12',
      termMonths: 36,
      contractRate: '4.75',
    },
    period: { from: '2017-06-21', to: '2017-09-20' },
    paidOn: '2017-09-20',
  };
  const fails = (input: unknown): DomainError => {
    try {
      evaluateRule({ ruleId: 'art11.interest-subsidy', input }, data);
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a DomainError');
  };

  it('names the field of an unknown key, in both languages', () => {
    const e = fails({ ...base, colour: 'red' });
    expect(e.field).toBe('colour');
    expect(e.message_zh).toContain('未知字段');
    expect(e.message_en).toContain('Unknown field');
  });

  it('refuses money given as a number', () => {
    expect(fails({ ...base, loan: { ...base.loan, principal: 30000 } }).field).toBe(
      'loan.principal',
    );
  });

  it('refuses negative money, three decimals and impossible dates', () => {
    expect(fails({ ...base, loan: { ...base.loan, principal: '-0.01' } }).code).toBe(
      'MONEY_NEGATIVE',
    );
    expect(fails({ ...base, loan: { ...base.loan, principal: '1.001' } }).code).toBe(
      'MONEY_INVALID_YUAN',
    );
    expect(fails({ ...base, paidOn: '2017-02-29' }).field).toBe('paidOn');
  });
});

describe('traces', () => {
  const cases = scenarioFiles()
    .map(readScenarioFile)
    .flatMap((f) => f.cases.filter((c) => 'applies' in c.expect).map((c) => ({ rule: f.rule, c })));

  it('do not change any result (every scenario, traces on and off)', () => {
    for (const { rule, c } of cases) {
      const request = {
        ruleId: rule,
        input: c.input,
        ...(c.params === undefined ? {} : { params: c.params }),
      };
      const off = resultToJson(evaluateRule({ ...request, trace: false }, data));
      const on = resultToJson(evaluateRule({ ...request, trace: true }, data));
      expect(off.trace).toBeNull();
      expect(on.trace, c.name).not.toBeNull();
      expect({ ...on, trace: null }, c.name).toEqual(off);
    }
  });

  it('name the parameter versions and the rate announcement used', () => {
    const r = evaluateRule(
      {
        ruleId: 'art11.interest-subsidy',
        trace: true,
        input: {
          loan: {
            principal: '30000.00',
            contractDate: '2017-04-12',
            termMonths: 36,
            contractRate: '5.70',
          },
          period: { from: '2017-06-21', to: '2017-09-20' },
          paidOn: '2017-09-20',
        },
      },
      data,
    );
    const t = r.trace;
    expect(t).toBeDefined();
    expect(
      t?.parameters.find((p) => p.id === 'art11.interest-subsidy.benchmark-basis'),
    ).toMatchObject({
      version: 1,
      value: 'contract-date',
      on: '2017-09-20',
    });
    expect(t?.rates[0]).toMatchObject({ effective: '2015-10-24', tier: '1y-5y', rate: '4.75' });
    expect(t?.rates[0]?.announcement.title_zh).toContain('2015年10月24日');
    expect(t?.steps.length).toBeGreaterThan(0);
  });
});

describe('properties', () => {
  const dateArb = fc
    .integer({ min: 0, max: 1500 })
    .map((n) => new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

  it('art. 11: the subsidy never exceeds the interest charged and is 0 when late', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 100, max: 900 }),
        dateArb,
        fc.integer({ min: 1, max: 120 }),
        fc.boolean(),
        fc.constantFrom('contract-date', 'accrual-date'),
        (principal, rateBp, contractDate, days, late, basis) => {
          const from = contractDate;
          const to = new Date(Date.parse(`${from}T00:00:00Z`) + (days - 1) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const r = evaluateRule(
            {
              ruleId: 'art11.interest-subsidy',
              params: { 'art11.interest-subsidy.benchmark-basis': basis },
              input: {
                loan: {
                  principal: yuan(principal),
                  contractDate,
                  termMonths: 36,
                  contractRate: (rateBp / 100).toFixed(2),
                },
                period: { from, to },
                paidOn: late ? '2030-01-01' : to,
              },
            },
            data,
          );
          expect(sum(r)).toBeLessThanOrEqual(output(r, 'interestCharged'));
          if (late) expect(r.amounts).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('art. 14: an entity never gets more than 2,000,000 in total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 250_000_000 }),
        (principal, already) => {
          const r = evaluateRule(
            {
              ruleId: 'art14.project-interest-subsidy',
              input: {
                entity: { kind: 'leading-enterprise', drivesPoorHouseholdIncome: true },
                loan: {
                  principal: yuan(principal),
                  contractDate: '2016-12-20',
                  termMonths: 36,
                  contractRate: '4.75',
                },
                period: { from: '2017-01-01', to: '2017-12-31' },
                subsidiesAlreadyGranted: yuan(already),
              },
            },
            data,
          );
          expect(sum(r)).toBeLessThanOrEqual(Math.max(0, 200_000_000 - already));
        },
      ),
    );
  });

  it('arts. 11, 31: the fund pays at most its balance and at most the loss', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (p, i, rec, balance, share) => {
          const r = evaluateRule(
            {
              ruleId: 'art31.risk-compensation',
              input: {
                lossDate: '2018-03-31',
                product: 'micro-credit',
                claimant: 'bank',
                productShare: String(share),
                unpaidPrincipal: yuan(p),
                unpaidInterest: yuan(i),
                recoveries: yuan(rec),
                fundBalance: yuan(balance),
              },
            },
            data,
          );
          expect(sum(r)).toBeLessThanOrEqual(balance);
          expect(sum(r)).toBeLessThanOrEqual(Math.max(0, p + i - rec));
        },
      ),
    );
  });

  it('art. 16: central and city together pay exactly the interest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (interest) => {
        const r = evaluateRule(
          {
            ruleId: 'art16.relocation-interest-subsidy',
            input: {
              loan: { contractDate: '2016-03-01', termMonths: 240, contractRate: '4.41' },
              period: { from: '2017-01-01', to: '2017-12-31' },
              interest: yuan(interest),
              registeredPoorHousing: true,
            },
          },
          data,
        );
        expect(sum(r)).toBe(interest);
      }),
    );
  });

  it('art. 26: city + district + insured = the premium', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (premium) => {
        const r = evaluateRule(
          {
            ruleId: 'art26.income-insurance-premium',
            input: { premiumDate: '2017-04-01', premium: yuan(premium), product: 'rice' },
          },
          data,
        );
        expect(sum(r) + output(r, 'insuredPays')).toBe(premium);
      }),
    );
  });

  it('art. 24: the extra subsidy never exceeds what the household bears', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (a, b) => {
          const total = Math.max(a, b);
          const other = Math.min(a, b);
          const r = evaluateRule(
            {
              ruleId: 'art24.premium-extra-subsidy',
              input: {
                premiumDate: '2017-05-01',
                totalPremium: yuan(total),
                otherSubsidies: yuan(other),
                registeredPoor: true,
                centralSubsidyProduct: true,
              },
            },
            data,
          );
          expect(sum(r)).toBeLessThanOrEqual(total - other);
          expect(output(r, 'householdPays')).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
