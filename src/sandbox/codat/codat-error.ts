import { randomBytes } from 'crypto';
import type { CodatErrorMessage, ValidationItem } from './sandbox.types';

/**
 * A request the sandbox answers with a Codat ErrorMessage. Route code throws it; the request
 * pipeline turns it into the HTTP response.
 */
export class CodatError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly service: string = 'PublicApi',
    readonly validationErrors?: ValidationItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(error);
    this.name = 'CodatError';
  }

  toBody(): CodatErrorMessage {
    return errorMessage(this.statusCode, this.error, this.service, this.validationErrors);
  }

  static unauthorized(): CodatError {
    return new CodatError(401, 'Unauthorized');
  }

  static badRequest(error = 'Error processing request - not valid.', validationErrors?: ValidationItem[]): CodatError {
    return new CodatError(400, error, 'PublicApi', validationErrors);
  }

  static malformedQuery(detail = 'Malformed query.'): CodatError {
    return new CodatError(400, `Error parsing query - ${detail}`, 'ClientsApi');
  }

  static unresolvedProperty(property: string): CodatError {
    return new CodatError(400, `Error parsing query - Could not resolve property ${property} on Dataset`, 'PullApi');
  }

  static companyNotFound(companyId: string): CodatError {
    return new CodatError(404, `No company was found with ID ${companyId}`, 'ClientsApi');
  }

  static connectionNotFound(connectionId: string): CodatError {
    return new CodatError(404, `Data connection ${connectionId} not found`);
  }

  static recordNotFound(dataType: string, id: string): CodatError {
    return new CodatError(404, `No data available for ${dataType} for ID ${id}`);
  }

  static notSupported(dataType: string, platformName: string): CodatError {
    return new CodatError(404, `Datatype ${dataType} not supported by platform(s) ${platformName}`);
  }

  static notSynced(): CodatError {
    return new CodatError(409, 'The data set has not been requested.');
  }

  static routeNotFound(): CodatError {
    return new CodatError(404, 'Not Found');
  }
}

export function errorMessage(statusCode: number, error: string, service = 'PublicApi', validationErrors?: ValidationItem[]): CodatErrorMessage {
  const body: CodatErrorMessage = {
    statusCode,
    service,
    error,
    correlationId: correlationId(),
    canBeRetried: 'Unknown',
    detailedErrorCode: 0,
  };
  if (validationErrors) body.validation = { errors: validationErrors, warnings: [] };
  return body;
}

/** Codat's correlation ids are 32 lower-case hex characters. */
export function correlationId(): string {
  return randomBytes(16).toString('hex');
}
