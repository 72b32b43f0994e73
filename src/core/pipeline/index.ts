// The co-reasoning pipeline's public surface.
export { runCoReasoning, traceConfig, requestSeed, defaultCacheDir, NotATracesFileError } from './runCoReasoning';
export type { CoReasoningOptions, CoReasoningHooks, CoReasoningProgress, CoReasoningSummary } from './runCoReasoning';
export { coReasonItem, PIPELINE_VERSION } from './coReasonItem';
export { alignConcepts, fuseConcepts, matchByEmbeddings, cosineSimilarity } from './alignConcepts';
export { locateConcept } from './locateConcepts';
export { loadPrompts, findPromptsDir, render, DEFAULT_PROMPT_VERSION } from './prompts';
export { insertConceptsReleased } from './insertConcepts';
export { CONFIGURATIONS, CONFIGURATION_NAMES, DEFAULT_CONFIGURATION, configurationNamed, isConfigurationName, UnknownConfigurationError } from './configurations';
export type { ConfigurationName, PipelineConfiguration } from './configurations';
