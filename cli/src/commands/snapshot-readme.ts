/** README.txt of a bundle: how to check it with standard tools only (docs/snapshots.md says more). */
export function bundleReadme(period: { from: Date; to: Date }, signed: boolean): string {
  return `Annexa evidence snapshot
========================

Audit period: ${period.from.toISOString()} (inclusive) to ${period.to.toISOString()} (exclusive).
Open report/index.html in a browser for the Statement of Applicability, control by control.

Check this bundle without Annexa, from inside this folder:

  sha256sum -c SHA256SUMS                          # every file is as listed
  sha256sum SHA256SUMS files.jsonl                 # both must equal files.checksums / files.list in manifest.json
${
  signed
    ? `  openssl pkeyutl -verify -pubin -inkey KEY.pem -rawin -in manifest.json -sigfile manifest.sig
                                                   # KEY.pem: the signer's public key, obtained from the signer
                                                   # (signer.pub.pem in this folder is for convenience only)
`
    : '  (this bundle is not signed)\n'
}
Or, with Annexa: annexa verify <bundle>.tar.gz --key KEY.pem
`;
}
