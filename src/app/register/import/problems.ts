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

/**
 * What the end of a read says about the file's shape: no header found (the first header
 * candidate's problems, or "empty" — unless reading was already stopped by a refusal, so
 * a file refused before its header is not called empty), or a header and no data rows.
 */
export function addFileShapeProblems(
  problems: ProblemList,
  read: {
    header: { problems: readonly unknown[] } | null;
    firstCandidate: { problems: readonly ImportProblem[] } | null;
    stopped: boolean;
    rows: number;
    headerRow: number;
  },
): void {
  if (!read.header) {
    if (read.firstCandidate) read.firstCandidate.problems.forEach((p) => problems.add(p));
    else if (!read.stopped) {
      problems.add(
        new ImportFileError('empty_file', '文件为空', 'the file is empty', 1).toProblem(),
      );
    }
  } else if (!read.header.problems.length && read.rows === 0 && problems.total === 0) {
    problems.add(
      new ImportFileError(
        'no_rows',
        '文件只有表头，没有数据行',
        'the file has a header but no data rows',
        read.headerRow + 1,
      ).toProblem(),
    );
  }
}
