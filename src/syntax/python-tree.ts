/**
 * tree-sitter's tree copied into plain objects in one TreeCursor pass.
 * web-tree-sitter's Node API crosses into WebAssembly for every property
 * (`type`, `namedChildren`, `childForFieldName`) and allocates a new wrapper
 * each time; an adapter that asks a few of them per node spent most of a
 * 250 KB file's second and a half there. The copy answers the same questions
 * (the subset from-python.ts uses) from JavaScript.
 */
import type { Node as TsNode, Tree } from 'web-tree-sitter';

export class PyNode {
  readonly children: PyNode[] = [];
  parent: PyNode | null = null;
  /** The field each child fills in this node (`function`, `arguments`), by child index. */
  readonly fields: (string | null)[] = [];
  private named: PyNode[] | null = null;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): PyNode[] {
    this.named ??= this.children.filter((child) => child.isNamed);
    return this.named;
  }

  childForFieldName(field: string): PyNode | null {
    const at = this.fields.indexOf(field);
    return at < 0 ? null : this.children[at]!;
  }

  childrenForFieldName(field: string): PyNode[] {
    return this.children.filter((_, i) => this.fields[i] === field);
  }
}

/** The whole tree as PyNodes (comments and anonymous tokens included, as the Node API gives them). */
export function copyTree(tree: Tree, source: string): PyNode {
  const cursor = tree.walk();
  try {
    const make = () => new PyNode(cursor.nodeType, cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, source);
    const root = make();
    const stack: PyNode[] = [root];
    // depth-first with the cursor: down to the first child, across to siblings, up when a level ends
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const parent = stack[stack.length - 1]!;
      const node = make();
      node.parent = parent;
      parent.children.push(node);
      parent.fields.push(cursor.currentFieldName);
      if (cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) return root;
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

export type { TsNode };
