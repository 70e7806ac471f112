/** One problem found in an import file, as the report and the API return it. */
export interface ImportProblem {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The column's English key (householdNo, headIdNumber, …), or '(file)'. */
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

/**
 * Keeps the first `cap` problems and counts all of them: a file with a million bad rows
 * must not turn into a million-entry report.
 */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  total = 0;

  constructor(private readonly cap = 1000) {}

  add(problem: ImportProblem): void {
    this.total++;
    if (this.items.length < this.cap) this.items.push(problem);
  }

  /** Sorted by row, then field; problems from the database checks arrive a batch late. */
  sorted(): ImportProblem[] {
    return [...this.items].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  }
}

/**
 * A problem that stops reading the file (unreadable, refused, structurally broken); its
 * messages say what, `toProblem` adds where.
 */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly message_zh: string,
    readonly message_en: string,
    readonly row: number,
    readonly field = '(file)',
  ) {
    super(message_en);
    this.name = 'ImportFileError';
  }

  toProblem(): ImportProblem {
    return {
      row: this.row,
      field: this.field,
      code: this.code,
      message_zh: `第 ${this.row} 行：${this.message_zh}`,
      message_en: `Row ${this.row}: ${this.message_en}`,
    };
  }
}
