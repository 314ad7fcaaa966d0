import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RuleViolation } from '@app/shared-kernel';
import { AuditCheckpointer } from '../../application/audit-checkpointer.js';
import { AuditLogService } from '../../application/audit-log.service.js';
import {
  AUDIT_READ_MODEL_REPLAY,
  type ReadModelReplay,
} from '../../application/read-model-replay.port.js';
import { AuditSigningKey } from '../../infrastructure/audit-signing-key.js';
import {
  AuditActionRequestDto,
  AuditEventsRequestDto,
  AuditExportRequestDto,
} from './audit-events.request.dto.js';

/** The audit routes (auditor, admin): everything is read from the log itself. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly log: AuditLogService,
    private readonly checkpointer: AuditCheckpointer,
    private readonly key: AuditSigningKey,
    @Inject(AUDIT_READ_MODEL_REPLAY) private readonly replays: ReadModelReplay,
  ) {}

  @Get('events')
  @ApiOperation({
    summary:
      'The log in global order; filters: type, stream, correlationId, actor, recorded-at range',
  })
  events(@Query() query: AuditEventsRequestDto) {
    return this.log.events({
      // Exclusive, as every read of the log (docs/decisions/0105): positions are never computed with.
      after: query.after !== undefined ? BigInt(query.after) : 0n,
      limit: query.limit ?? 100,
      types: query.type
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      stream: query.stream,
      correlationId: query.correlationId,
      actor: query.actor,
      recordedFrom: query.recordedFrom,
      recordedTo: query.recordedTo,
    });
  }

  @Get('streams/:streamName')
  @ApiOperation({
    summary:
      'One stream, in stream order, with actor, recordedAt, effectiveAt and hashes',
  })
  @ApiNotFoundResponse({ description: 'STREAM_NOT_FOUND' })
  stream(@Param('streamName') streamName: string) {
    return this.log.stream(streamName);
  }

  @Get('verify')
  @ApiOperation({
    summary:
      "Walks the store's hash chain: {ok, checked, firstBrokenPosition?, reason?}",
  })
  @ApiConflictResponse({
    description:
      'AUDIT_LOG_EMPTY: the store holds no events, there is nothing to verify',
  })
  verify() {
    return this.log.verify();
  }

  @Get('export')
  @ApiOperation({
    summary:
      'NDJSON with a header line, streamed (docs/audit/hash-chain.md §6)',
  })
  @ApiProduces('application/x-ndjson')
  async export(
    @Query() query: AuditExportRequestDto,
    @Res() res: Response,
  ): Promise<void> {
    const lines = this.log.exportLines(query.stream);
    // Read the header before answering, so a failure there is still a problem-details response.
    const header = await lines.next();
    res.status(200).type('application/x-ndjson; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-export${query.stream ? '-stream' : ''}.ndjson"`,
    );
    try {
      if (!header.done) await write(res, header.value);
      for await (const chunk of lines) {
        if (res.destroyed) return;
        await write(res, chunk);
      }
      res.end();
    } catch (error) {
      // Headers are gone: cutting the connection is the only honest signal (the file has no valid end).
      res.destroy(error as Error);
    }
  }

  @Get('checkpoints')
  @ApiOperation({
    summary:
      'Signed checkpoints {position, hash, at, signature, keyId}, oldest first',
  })
  checkpoints() {
    return this.log.checkpoints();
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Sign the current head now (admin), besides the periodic checkpoints',
  })
  @ApiConflictResponse({ description: 'AUDIT_LOG_EMPTY' })
  async signNow(@Body() _body: AuditActionRequestDto) {
    const checkpoint = await this.checkpointer.signHead();
    if (!checkpoint)
      throw new RuleViolation(
        'AUDIT_LOG_EMPTY',
        'conflict',
        'The event store holds no events: there is nothing to sign',
      );
    return checkpoint;
  }

  @Get('public-key')
  @ApiOperation({
    summary:
      'The Ed25519 public key that signs checkpoints (PEM and raw base64)',
  })
  @ApiOkResponse({
    description: '{algorithm, keyId, publicKeyPem, publicKeyBase64}',
  })
  publicKey() {
    return this.key.describe();
  }

  @Post('replays')
  @HttpCode(200)
  @ApiOkResponse({
    description: '{identical, position, tables, differences[]}',
  })
  @ApiOperation({
    summary:
      'Rebuild the read models into fresh tables and compare with live: {identical, differences[]} (admin)',
  })
  @ApiConflictResponse({ description: 'AUDIT_LOG_EMPTY: nothing to replay' })
  async replay(@Body() _body: AuditActionRequestDto) {
    await this.log.assertNotEmpty('replay');
    return this.replays.replay();
  }
}

/** Writes a chunk, waiting for the socket to drain: memory stays bounded on a slow client. */
function write(res: Response, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = res.write(chunk, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else {
      const onDrain = () => {
        res.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        res.off('drain', onDrain);
        resolve();
      };
      res.once('drain', onDrain);
      res.once('close', onClose);
    }
  });
}
