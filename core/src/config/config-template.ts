/**
 * The annexa.yaml `annexa init` writes. Every key is explained where it is written; the token is read from
 * the environment so the file can be committed.
 */
export function generateConfigTemplate(): string {
  return `# Annexa configuration. Relative paths resolve against this file's folder.
# Any value may read an environment variable with \${NAME}; write $\${ for a literal \${.

# Folder of the evidence locker: append-only, hash-chained evidence, check results and runs.
locker: ./evidence

# The Statement of Applicability as code (\`annexa init\` writes a template listing all 93 controls).
soa: ./soa.yaml

# Optional: the risk register whose ids the SoA's \`risks:\` refer to. Unknown ids are then reported.
# risks: ./risks.yaml

# One entry per system to observe, read-only. \`name\` is yours and must be unique;
# \`type\` picks the connector; the other keys belong to that connector type.
connectors:
  - name: github
    type: github
    # The GitHub organization to observe.
    org: your-org
    # A read-only token, taken from the environment: never write the token itself in this file.
    token: \${GITHUB_TOKEN}
    # GitHub Enterprise Server only: its API URL.
    # baseUrl: https://ghe.example.com/api/v3
`;
}
