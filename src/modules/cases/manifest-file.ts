// An uploaded list as rows of cells: CSV or pasted text (tab-separated) read as in the situation
// import, or the first sheet of an XLSX workbook.
import ExcelJS from 'exceljs';
import { AppError } from '../../server/errors';
import { readCsv, type CsvRecord } from '../../domain/situation';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function manifestRecords(body: string | Buffer): Promise<{ records: CsvRecord[]; unclosedQuoteAt: number | null }> {
  if (typeof body === 'string') return readCsv(body);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('manifest_file', { problem: { zh: '不是可读取的 XLSX 文件', en: 'is not a readable XLSX file' } }, 'file');
  }
  const sheet = workbook.worksheets[0];
  const records: CsvRecord[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text.trim());
    if (cells.some((c) => c !== '')) records.push({ line, cells });
  });
  return { records, unclosedQuoteAt: null };
}
