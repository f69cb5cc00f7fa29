import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { isIsoDateTime } from '@upgrade-control/platform';
import { MetricSamples, type MetricSample } from './metric-samples.js';

export type IngestResult = { accepted: number; rejected: { index: number; reason: string }[] };

/** A collector's batch: each sample is checked on its own, so one bad sample does not cost the batch. */
export class IngestMetricSamples extends Command<IngestResult> {
  constructor(readonly samples: unknown[]) {
    super();
  }
}

/** Why a sample cannot be kept, or null when it can. */
function problemWith(sample: unknown): string | null {
  if (typeof sample !== 'object' || sample === null) return 'a sample is an object';
  const s = sample as Record<string, unknown>;
  if (typeof s.assetId !== 'string' || s.assetId.length === 0 || s.assetId.length > 200)
    return 'assetId: a non-empty string';
  if (typeof s.metric !== 'string' || !/^[a-z][a-z0-9_.]{0,99}$/.test(s.metric))
    return 'metric: lowercase letters, digits, "_" or "."';
  // The contracts' own rule: Date.parse takes 2027-02-30 (as 2 March) and year 0, PostgreSQL neither.
  if (!isIsoDateTime(s.timestamp)) return 'timestamp: an ISO 8601 date-time';
  if (typeof s.value !== 'number' || !Number.isFinite(s.value)) return 'value: a finite number';
  const extra = Object.keys(s).find((k) => !['assetId', 'metric', 'timestamp', 'value'].includes(k));
  return extra ? `${extra}: not a sample field` : null;
}

/** Keeps the good samples of a batch and reports each bad one with its reason. */
@CommandHandler(IngestMetricSamples)
export class IngestMetricSamplesHandler implements ICommandHandler<IngestMetricSamples> {
  constructor(private readonly samples: MetricSamples) {}

  async execute({ samples }: IngestMetricSamples): Promise<IngestResult> {
    const good: MetricSample[] = [];
    const rejected: IngestResult['rejected'] = [];
    samples.forEach((sample, index) => {
      const reason = problemWith(sample);
      if (reason) rejected.push({ index, reason });
      else good.push(sample as MetricSample);
    });
    if (good.length) await this.samples.add(good);
    return { accepted: good.length, rejected };
  }
}
