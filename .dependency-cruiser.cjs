/**
 * The layers of KYC Desk, checked on every `npm run lint` (and so on every `npm test`).
 * The picture and the reasons are in docs/architecture.md, section "Layers". Each module reads
 * downwards only:
 *
 *   hosts (main.ts, preview/, launcher/)
 *     → composition root (app/)
 *       → services/ (one folder per external service: its submission services, plugged into the engine)
 *         → capabilities (records, documents, sync, operators, session, video-kyc, digital-kyc, fetch,
 *           uae-onboarding, bulk-update, master-data, …; ipc/, security/)
 *           → connectors/ (one folder per external service: its wire clients)
 *             → foundation (store/, vault/, transport/, logging/, events/, data-folder/)
 *               → shared/
 *
 * sandbox/ stands beside the tree: only the Training wiring in app/ may import it.
 */
/**
 * Every folder of electron/ that is neither a host, app/, the foundation, connectors/ nor the
 * sandbox: the capabilities, and services/ (which the same rule holds). A new folder of electron/
 * is named here or in FOUNDATION: test/architecture/layers.test.ts fails on one left out.
 */
const CAPABILITIES = [
  'audit',
  'bulk-update',
  'connections',
  'digital-kyc',
  'documents',
  'drafts',
  'fetch',
  'ipc',
  'live-setup',
  'master-data',
  'operators',
  'pin-master',
  'records',
  'registry-dashboard',
  'retention',
  'security',
  'services',
  'session',
  'sync',
  'uae-onboarding',
  'video-kyc',
].join('|');
const FOUNDATION = 'store|vault|transport|logging|events|data-folder';
const HOSTS = '^electron/(main\\.ts|preview/|launcher/)';
/** The Training wiring: the one place production code meets the sandbox. */
const TRAINING_WIRING = '^electron/app/(registry-wiring|training-connections)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles, type-only imports included: a cycle means two modules cannot be understood, tested or moved apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-nothing-of-the-app',
      comment: 'shared/ is pure code for both processes: it imports only shared/ (and libraries).',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer|test)/' },
    },
    {
      name: 'renderer-never-imports-electron',
      comment: 'The renderer reaches main only through window.kycDesk; it may import renderer/ and shared/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|test)/' },
    },
    {
      name: 'preload-imports-only-shared',
      comment: 'The preload exposes the contract and nothing else.',
      severity: 'error',
      from: { path: '^electron/preload\\.ts$' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'store-imports-nothing-above-it',
      comment: 'store/ is the bottom of main: it reads only itself and shared/.',
      severity: 'error',
      from: { path: '^electron/store/' },
      to: { path: '^(electron/(?!store/)|renderer/)' },
    },
    {
      name: 'foundation-reads-downwards-only',
      comment: 'store/, vault/, transport/, logging/, events/ and data-folder/ read only each other and shared/.',
      severity: 'error',
      from: { path: `^electron/(${FOUNDATION})/` },
      to: { path: '^(electron|renderer)/', pathNot: `^electron/(${FOUNDATION})/` },
    },
    {
      name: 'connectors-never-import-the-engine',
      comment:
        'A connector knows one service\'s wire and nothing of the sync engine or the app: it reads connectors/, the foundation, documents/ file kinds and shared/.',
      severity: 'error',
      from: { path: '^electron/connectors/' },
      to: { path: '^(electron|renderer)/', pathNot: `^electron/(connectors|${FOUNDATION})/|^electron/documents/file-kind\\.ts$` },
    },
    {
      name: 'the-engine-knows-no-service',
      comment:
        'The sync engine runs any submission service through the interface in sync/submission-service.ts; it never imports a service or a connector, so it knows no endpoint, field name or wire format.',
      severity: 'error',
      from: { path: '^electron/sync/' },
      to: { path: '^electron/(services|connectors)/' },
    },
    {
      name: 'capabilities-never-import-the-composition-root',
      comment: 'Capabilities are built by app/ and handed what they need; they never reach up into app/, the hosts or the renderer.',
      severity: 'error',
      from: { path: `^electron/(${CAPABILITIES})/` },
      to: { path: `^electron/app/|${HOSTS}|^renderer/` },
    },
    {
      name: 'only-the-training-wiring-imports-the-sandbox',
      comment: 'The sandbox plays the registry in Training mode; nothing in production touches it except the Training wiring in app/.',
      severity: 'error',
      from: { path: '^(electron|shared|renderer)/', pathNot: `^electron/sandbox/|${TRAINING_WIRING}` },
      to: { path: '^electron/sandbox/' },
    },
    {
      name: 'sandbox-plays-the-other-side',
      comment: 'The sandbox may reuse the connectors\' wire schemas and the foundation, never the engine or the app it stands in front of.',
      severity: 'error',
      from: { path: '^electron/sandbox/' },
      to: { path: '^(electron|renderer)/', pathNot: `^electron/(sandbox|connectors|${FOUNDATION})/` },
    },
    {
      name: 'only-hosts-import-the-composition-root',
      comment: 'app/ is the top of the tree below the hosts: only main.ts and the preview host build it.',
      severity: 'error',
      from: { path: '^electron/', pathNot: `^electron/app/|${HOSTS}` },
      to: { path: '^electron/app/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist|release|test-results)/' },
  },
};
