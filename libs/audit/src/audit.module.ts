import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import {
  AuditCheckpointer,
  CHECKPOINT_SIGNING_KEY,
} from './application/audit-checkpointer.js';
import { AuditLogService } from './application/audit-log.service.js';
import { AuditSigningKey } from './infrastructure/audit-signing-key.js';
import { AuditController } from './interface/http/audit.controller.js';

/**
 * The audit context: the audit API, exports and signed checkpoints. Needs EVENT_STORE, APP_CONFIG,
 * CLOCK and AUDIT_READ_MODEL_REPLAY from the composition root.
 */
@Module({
  controllers: [AuditController],
  providers: [
    AuditLogService,
    AuditCheckpointer,
    {
      provide: AuditSigningKey,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AuditSigningKey(config),
    },
    { provide: CHECKPOINT_SIGNING_KEY, useExisting: AuditSigningKey },
  ],
  exports: [AuditLogService, AuditCheckpointer, AuditSigningKey],
})
export class AuditModule {}
