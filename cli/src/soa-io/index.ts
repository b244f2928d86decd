export { soaEvidenceColumns } from './soa-evidence-columns.js';
export { exportSoa, type SoaExportExtra } from './soa-export.js';
export { importSoa } from './soa-import.js';
