/** Data dictionary of the German Credit data (Weka credit-g): the 20 features, the target and the cost matrix. */
import type { CategoricalFeature, Feature, NumericFeature } from '../features.js';
import type { BinaryClasses } from '../train/types.js';

/** One category and its plain words (for adverse-action reasons and the model card). */
type Category = readonly [value: string, words: string];

function categorical(
  name: string,
  label: string,
  description: string,
  categories: readonly Category[],
): CategoricalFeature {
  return {
    kind: 'categorical',
    name,
    label,
    description,
    categories: categories.map(([value]) => value),
    category_labels: Object.fromEntries(categories),
  };
}

function numeric(
  name: string,
  label: string,
  description: string,
  domain: Omit<NumericFeature, 'kind' | 'name' | 'label' | 'description'>,
): NumericFeature {
  return { kind: 'numeric', name, label, description, ...domain };
}

/**
 * The 20 features in ARFF order. Descriptions follow the ARFF header's attribute documentation
 * (attributes 1-20, codes A11..A202, and the "Relabeled values" table); categories are exactly the
 * labels the ARFF declares, in declared order, including ones that never occur in the data
 * (purpose 'vacation', personal_status 'female single').
 *
 * Each feature also has a short `label`, and each category its plain words (`category_labels`),
 * rendering the same documentation (model/data/README.md) briefly enough for an adverse-action
 * reason ("Checking account: overdrawn (below 0 DM)", "Loan duration: 48 months").
 *
 * Numeric bounds are validity limits for a real application, deliberately wider than the observed
 * range: they reject impossible or garbled inputs, not unusual ones (how far a value lies from the
 * training data is for drift monitoring to report, not for input validation to refuse).
 */
export const CREDIT_FEATURES: readonly Feature[] = [
  categorical(
    'checking_status',
    'Checking account',
    "Status of the existing checking account, in Deutsche Mark (DM): '<0' overdrawn; '0<=X<200' a balance from 0 up to 200 DM; '>=200' a balance of at least 200 DM, or salary assignments for at least 1 year; 'no checking' no checking account.",
    [
      ['<0', 'overdrawn (below 0 DM)'],
      ['0<=X<200', 'balance of 0 to 200 DM'],
      ['>=200', 'balance of 200 DM or more, or salary assignments for at least 1 year'],
      ['no checking', 'no checking account'],
    ],
  ),
  // 1 month is the shortest term a credit can have; 120 months (10 years) is well beyond the
  // longest observed term (72) and the terms of consumer instalment credit.
  numeric('duration', 'Loan duration', 'Duration of the credit, in months.', {
    unit: 'months',
    minimum: 1,
    maximum: 120,
    integer: true,
  }),
  categorical(
    'credit_history',
    'Credit history',
    "Credit history: 'no credits/all paid' no credits taken, or all credits paid back duly; 'all paid' all credits at this bank paid back duly; 'existing paid' existing credits paid back duly till now; 'delayed previously' delay in paying off in the past; 'critical/other existing credit' critical account, or other credits existing (not at this bank).",
    [
      ['no credits/all paid', 'no credits taken, or all credits paid back duly'],
      ['all paid', 'all credits at this bank paid back duly'],
      ['existing paid', 'existing credits paid back duly so far'],
      ['delayed previously', 'delays in paying off credits in the past'],
      ['critical/other existing credit', 'critical account, or credits at other banks'],
    ],
  ),
  categorical(
    'purpose',
    'Loan purpose',
    "Purpose of the credit: 'new car', 'used car', 'furniture/equipment', 'radio/tv' (radio/television), 'domestic appliance', 'repairs', 'education', 'vacation' (declared, but the source doubts it exists and no applicant has it), 'retraining', 'business', 'other'.",
    [
      ['new car', 'new car'],
      ['used car', 'used car'],
      ['furniture/equipment', 'furniture or equipment'],
      ['radio/tv', 'radio or television'],
      ['domestic appliance', 'domestic appliances'],
      ['repairs', 'repairs'],
      ['education', 'education'],
      ['vacation', 'vacation'],
      ['retraining', 'retraining'],
      ['business', 'business'],
      ['other', 'other purpose'],
    ],
  ),
  // Whole DM in the source (observed 250..18,424). 1 DM: a credit must be positive. 1,000,000 DM:
  // no consumer or small-business credit of these purposes comes near it, so anything above is a
  // garbled input; a large business credit below it is a real application, if unusual.
  numeric('credit_amount', 'Credit amount', 'Credit amount, in Deutsche Mark (DM).', {
    unit: 'DM',
    minimum: 1,
    maximum: 1_000_000,
    integer: true,
  }),
  categorical(
    'savings_status',
    'Savings',
    "Savings account/bonds, in DM: '<100' under 100 DM; '100<=X<500' 100 up to 500 DM; '500<=X<1000' 500 up to 1000 DM; '>=1000' at least 1000 DM; 'no known savings' unknown, or no savings account.",
    [
      ['<100', 'below 100 DM'],
      ['100<=X<500', '100 to 500 DM'],
      ['500<=X<1000', '500 to 1000 DM'],
      ['>=1000', '1000 DM or more'],
      ['no known savings', 'no known savings account'],
    ],
  ),
  categorical(
    'employment',
    'Present employment',
    "Present employment since, in years: 'unemployed'; '<1' under 1 year; '1<=X<4' 1 up to 4 years; '4<=X<7' 4 up to 7 years; '>=7' 7 years or more.",
    [
      ['unemployed', 'unemployed'],
      ['<1', 'less than 1 year'],
      ['1<=X<4', '1 to 4 years'],
      ['4<=X<7', '4 to 7 years'],
      ['>=7', '7 years or more'],
    ],
  ),
  // A code, not a percentage: the source records only the values 1..4 and does not say which
  // percentage band each stands for.
  numeric(
    'installment_commitment',
    'Instalment rate',
    'Installment rate in percentage of disposable income, coded 1 to 4 (the source does not document the band each code stands for).',
    { unit: 'percent band 1-4', minimum: 1, maximum: 4, integer: true },
  ),
  categorical(
    'personal_status',
    'Personal status and sex',
    "Personal status and sex, one combined attribute: 'male div/sep' male, divorced/separated; 'female div/dep/mar' female, divorced/separated/married ('dep' is the relabelling's spelling of separated); 'male single'; 'male mar/wid' male, married/widowed; 'female single' (declared, but no applicant has it). Encodes sex: a protected attribute.",
    [
      ['male div/sep', 'male, divorced or separated'],
      ['female div/dep/mar', 'female, divorced, separated or married'],
      ['male single', 'male, single'],
      ['male mar/wid', 'male, married or widowed'],
      ['female single', 'female, single'],
    ],
  ),
  categorical(
    'other_parties',
    'Other debtors or guarantors',
    "Other debtors / guarantors: 'none'; 'co applicant' a co-applicant; 'guarantor'.",
    [
      ['none', 'none'],
      ['co applicant', 'a co-applicant'],
      ['guarantor', 'a guarantor'],
    ],
  ),
  // A code like installment_commitment: the source records 1..4 without documenting the bands.
  numeric(
    'residence_since',
    'Present residence',
    'Present residence since, coded 1 to 4 (the source does not document the band of years each code stands for).',
    { unit: 'years band 1-4', minimum: 1, maximum: 4, integer: true },
  ),
  categorical(
    'property_magnitude',
    'Most valuable property',
    "Most valuable property, in this order of precedence: 'real estate'; 'life insurance' (no real estate) a building society savings agreement or life insurance; 'car' (neither of those) a car or other property, not savings (see savings_status); 'no known property' unknown, or no property.",
    [
      ['real estate', 'real estate'],
      ['life insurance', 'building society savings or life insurance'],
      ['car', 'car or other property'],
      ['no known property', 'no known property'],
    ],
  ),
  // 18: the age of majority in Germany, below which nobody can take a credit alone; 120: just under
  // the oldest verified human age. Observed 19..75.
  numeric('age', 'Age', 'Age, in years.', {
    unit: 'years',
    minimum: 18,
    maximum: 120,
    integer: true,
  }),
  categorical(
    'other_payment_plans',
    'Other instalment plans',
    "Other installment plans: 'bank' with a bank; 'stores' with stores; 'none'.",
    [
      ['bank', 'with a bank'],
      ['stores', 'with stores'],
      ['none', 'none'],
    ],
  ),
  categorical(
    'housing',
    'Housing',
    "Housing: 'rent' rents; 'own' owns; 'for free' lives for free.",
    [
      ['rent', 'rents'],
      ['own', 'owns'],
      ['for free', 'lives for free'],
    ],
  ),
  // At least 1: no applicant has 0, so 0 is either impossible (the count includes the credit applied
  // for) or never recorded; either way the data cannot say what it means. 20: far above any
  // consumer's credits at one bank (observed 1..4).
  numeric(
    'existing_credits',
    'Existing credits at this bank',
    'Number of existing credits at this bank.',
    {
      unit: 'credits',
      minimum: 1,
      maximum: 20,
      integer: true,
    },
  ),
  categorical(
    'job',
    'Job',
    "Job: 'unemp/unskilled non res' unemployed or unskilled, non-resident; 'unskilled resident' unskilled, resident; 'skilled' skilled employee or official; 'high qualif/self emp/mgmt' management, self-employed, highly qualified employee or officer.",
    [
      ['unemp/unskilled non res', 'unemployed or unskilled, non-resident'],
      ['unskilled resident', 'unskilled, resident'],
      ['skilled', 'skilled employee or official'],
      ['high qualif/self emp/mgmt', 'management, self-employed or highly qualified'],
    ],
  ),
  // At least 1, as for existing_credits: no applicant has 0 (observed 1..2) and the source does not
  // say how an applicant who supports nobody was recorded. 20: far above any household.
  numeric(
    'num_dependents',
    'Dependants',
    'Number of people the applicant is liable to provide maintenance for.',
    { unit: 'people', minimum: 1, maximum: 20, integer: true },
  ),
  categorical(
    'own_telephone',
    'Telephone',
    "Telephone: 'none'; 'yes' registered under the applicant's name.",
    [
      ['none', 'none'],
      ['yes', 'registered in own name'],
    ],
  ),
  categorical(
    'foreign_worker',
    'Foreign worker',
    "Whether the applicant is a foreign worker: 'yes' or 'no'. Relates to national origin: treat as a protected attribute.",
    [
      ['yes', 'yes'],
      ['no', 'no'],
    ],
  ),
];

/** The target column: `bad` (a bad credit risk) is the positive, adverse class the model scores. */
export const TARGET = {
  name: 'class',
  negative: 'good',
  positive: 'bad',
} as const satisfies BinaryClasses & {
  readonly name: string;
};

/**
 * Costs of wrong decisions, from the ARFF header's cost matrix (rows actual, columns predicted):
 * a false negative (a bad applicant predicted good, so accepted) costs 5, a false positive (a good
 * applicant predicted bad, so refused) costs 1, a correct decision 0.
 */
export const COST_MATRIX = { false_negative: 5, false_positive: 1 } as const;
