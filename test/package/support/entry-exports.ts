/**
 * The names each entry file exports, values and types apart, read with the TypeScript checker
 * (so `export type *` and re-exports count), for the public-surface test.
 */
import ts from 'typescript';

/** The exports of one entry: runtime values and type-only names, each sorted. */
export interface EntryExports {
  readonly values: string[];
  readonly types: string[];
}

/** The exports of each of `files` (absolute paths), in one TypeScript program. */
export function readEntryExports(files: readonly string[]): Map<string, EntryExports> {
  const program = ts.createProgram([...files], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const result = new Map<string, EntryExports>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read the exports of ${file}`);
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(module)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
    }
    result.set(file, { values: values.sort(), types: types.sort() });
  }
  return result;
}
