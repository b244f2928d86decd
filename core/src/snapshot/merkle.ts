import { createHash } from 'node:crypto';

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency) over the bundle's file list, built streaming:
 * it keeps one hash per level (O(log n)), so a million files cost a few kilobytes.
 * leaf = SHA-256(0x00 || "<path>\n<size>\n<sha256 hex>"), node = SHA-256(0x01 || left || right);
 * the root of no files is SHA-256 of nothing.
 */
export class MerkleBuilder {
  private readonly stack: { height: number; hash: Buffer }[] = [];
  private count = 0;

  add(file: { path: string; size: number; sha256: string }): void {
    let entry = { height: 0, hash: leafHash(file) };
    this.count += 1;
    for (
      let top = this.stack.at(-1);
      top !== undefined && top.height === entry.height;
      top = this.stack.at(-1)
    ) {
      this.stack.pop();
      entry = { height: entry.height + 1, hash: nodeHash(top.hash, entry.hash) };
    }
    this.stack.push(entry);
  }

  get leaves(): number {
    return this.count;
  }

  /** `sha256:<hex>` of the tree over every file added so far. */
  root(): `sha256:${string}` {
    if (this.stack.length === 0) return `sha256:${createHash('sha256').digest('hex')}`;
    // The left subtrees are perfect; RFC 6962 joins the remaining ones right to left.
    let hash = (this.stack.at(-1) as { hash: Buffer }).hash;
    for (let i = this.stack.length - 2; i >= 0; i--) {
      hash = nodeHash((this.stack[i] as { hash: Buffer }).hash, hash);
    }
    return `sha256:${hash.toString('hex')}`;
  }
}

export function leafHash(file: { path: string; size: number; sha256: string }): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(`${file.path}\n${file.size}\n${file.sha256}`, 'utf8')
    .digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}
