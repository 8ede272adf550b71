/** The risk model's public surface for the decision pipeline, the operator API and the CLI. */
export { assessRisk, type RiskInput, type DetailedRiskAssessment } from './assess';
export { recordOutcome, type OutcomeInput } from './record-outcome';
export { compositeScore, riskOutcome, thresholdsFor, type CompositeScore, type Thresholds } from './composite';
export {
  DEFAULT_RISK_SETTINGS,
  RiskSettingsSchema,
  RiskSettingsError,
  SEVERITY_CLASSES,
  parseRiskSettings,
  type RiskSettings,
  type SeverityClass,
} from './settings';
export { RiskSettingsService, type RiskSettingsServiceOptions, type SettingChangeBody, type SettingsAuditSink } from './settings-service';
export { inWindow, parseWindow, WindowSyntaxError, type OperatingWindow, type WindowRule } from './window';
