/**
 * The part of `mvdan-sh` (GopherJS build of https://github.com/mvdan/sh, `syntax` package) that
 * `shell.ts` uses. Nodes are Go structs seen from JavaScript: fields keep their Go names, nil
 * pointers are `null`, positions are objects with an `Offset()` method (UTF-8 byte offsets).
 * Node shapes: https://pkg.go.dev/mvdan.cc/sh/v3/syntax
 */
declare module 'mvdan-sh' {
  export interface ShPos {
    Offset(): number;
    Line(): number;
    Col(): number;
  }
  /** Any syntax node; the concrete type is `syntax.NodeType(node)`, its fields are read by name. */
  export interface ShNode {
    Pos(): ShPos;
    End(): ShPos;
    readonly [field: string]: unknown;
  }
  export interface ShParser {
    /** Throws a Go error value (use its `Error()` method) on a syntax error. */
    Parse(text: string, name: string): ShNode;
  }
  export interface ShSyntax {
    NewParser(...options: unknown[]): ShParser;
    Variant(lang: number): unknown;
    LangBash: number;
    NodeType(node: ShNode): string;
    /** Depth-first; `fn(null)` after a node's children when `fn(node)` returned true. */
    Walk(node: ShNode, fn: (node: ShNode | null) => boolean): void;
  }
  const sh: { syntax: ShSyntax };
  export default sh;
}
