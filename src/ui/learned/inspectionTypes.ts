import type { WorkerEvent } from '../../worker/protocol';

export type InspectionEvent = Extract<WorkerEvent, { type: 'inspection' }>;
export type NeighboursEvent = Extract<WorkerEvent, { type: 'neighbours' }>;
export type EvaluationImages = Extract<WorkerEvent, { type: 'evaluation-images' }>;
