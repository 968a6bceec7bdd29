/**
 * Shapes of a report template as data. One definition per national template
 * (国办公开办函〔2019〕60号, 国办公开办函〔2021〕30号) drives validation, rendering, the JSON schema and the
 * importer: every label is typed once, in ./common.ts, ./t2019.ts or ./t2021.ts.
 */

export type TemplateId = '2019' | '2021';

/** What a cell holds: a count (integer), a signed count (本年增/减), or an amount in 万元. */
export type CellKind = 'count' | 'signedCount' | 'amount';

export interface ColumnDef {
  readonly key: string;
  /** Exact Chinese label as printed in the template header. */
  readonly label: string;
  readonly kind: CellKind;
  /** Unit printed in the label, e.g. 万元. */
  readonly unit?: string;
  /** Maximum decimals the template asks for (2019 采购总金额: 4). */
  readonly maxDecimals?: number;
  /**
   * A local variant column, not in the national template (e.g. 2019 行政事业性收费 printed with 处理决定数量).
   * Kept when a report carries it, rendered only then, never required.
   */
  readonly variant?: boolean;
}

/** Table 二: one row of a 第二十条第（N）项 group. */
export interface ProactiveRowDef {
  readonly key: string;
  readonly label: string;
}

/** Table 二: a 第二十条第（N）项 group, printed as a title row, a header row and its rows. */
export interface ProactiveGroupDef {
  readonly label: string;
  /** The Art. 20 item the group reports on, e.g. 1 for 第二十条第（一）项. */
  readonly article20Item: number;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly ProactiveRowDef[];
}

/**
 * Table 三 row. `path` is the key path inside `applications` (e.g. ['denied', 'stateSecret']).
 * `group` is the enclosing numbered heading (（三）不予公开) the row is printed beside.
 */
export interface ApplicationRowDef {
  readonly path: readonly string[];
  readonly label: string;
  /** 'top' rows (一、二、四、) span all three label columns; 'result' rows sit under 三、本年度办理结果. */
  readonly level: 'top' | 'result';
  readonly group?: { readonly key: string; readonly label: string };
  /** True for rows whose values are sums (（七）总计) — used by renderers for emphasis only. */
  readonly isTotal?: boolean;
}

export interface ReviewGroupDef {
  readonly key: string;
  readonly label: string;
  /** 行政诉讼 for the two litigation groups: the header spanning them. */
  readonly parentLabel?: string;
}

export interface SectionDef {
  readonly key: SectionKey;
  /** 一、总体情况 … 六、其他需要报告的事项 */
  readonly heading: string;
  readonly kind: 'narrative' | 'table';
}

export type SectionKey =
  | 'overview'
  | 'proactive'
  | 'applications'
  | 'reviewLitigation'
  | 'problems'
  | 'otherMatters';

export type TableKey = 'proactive' | 'applications' | 'reviewLitigation';
export type NarrativeKey = 'overview' | 'problems' | 'otherMatters';

export interface ReportTemplate {
  readonly id: TemplateId;
  /** The notice that issued the template. */
  readonly notice: string;
  /** The template's name as offered in a choice, e.g. 2021 年版. */
  readonly label: string;
  /** First and last report years the template is meant for (template.year rule, templateForYear). */
  readonly years: { readonly from: number; readonly to: number | null };
  readonly sections: readonly SectionDef[];
  readonly proactive: { readonly groups: readonly ProactiveGroupDef[] };
  readonly applications: {
    /** The 勾稽关系 note printed in the top-left header cell. */
    readonly balanceNote: string;
    readonly applicantHeader: string;
    readonly legalPersonHeader: string;
    readonly columns: readonly ColumnDef[];
    /** Label of the cell spanning all result rows. */
    readonly resultsLabel: string;
    readonly rows: readonly ApplicationRowDef[];
  };
  readonly reviewLitigation: {
    readonly groups: readonly ReviewGroupDef[];
    readonly columns: readonly ColumnDef[];
  };
  /** Header words that identify this template in a printed table (importer, spec "Detect the template"). */
  readonly markers: readonly string[];
  /** What sets this template apart, for the rules, drafts and counts that differ (instead of comparing ids). */
  readonly traits: TemplateTraits;
}

/** The differences between the templates that code branches on, stated once in each template's data. */
export interface TemplateTraits {
  /**
   * How table 二 counts 规章 and 规范性文件: 'made' = 本年新制作/本年新公开/对外公开总数 (2019), 'issued' =
   * 本年制发/本年废止/现行有效 (2021).
   */
  readonly documentColumns: 'made' | 'issued';
  /** Table 二's decision rows carry 上一年项目数量 and 本年增/减 (2019), so crossYear.items applies. */
  readonly itemCounts: boolean;
  /** Section 六 must state the 信息处理费 collected (国办函〔2020〕109号, reports in the 2021 template). */
  readonly feesStatement: boolean;
  /** Table 三's （六）其他处理 is split into three rows (2021); false: one row (2019). */
  readonly otherHandlingSplit: boolean;
}
