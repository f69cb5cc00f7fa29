import { Inject, type Abstract, type Type } from '@nestjs/common';
import { QueryHandler, type IQueryHandler, type Query } from '@nestjs/cqrs';

declare const provides: unique symbol;

/** A symbol to provide a value under that carries the value's type, so whoever injects it knows it. */
export type TypedToken<T> = symbol & { readonly [provides]?: T };

export const typedToken = <T>(description: string): TypedToken<T> => Symbol(description) as TypedToken<T>;

/** What a query handler may depend on: a class (a port is an abstract class) or a typed token. */
export type Dependency<T = unknown> = Abstract<T> | TypedToken<T>;

type ProvidedBy<D> = D extends TypedToken<infer T> ? T : D extends Abstract<infer T> ? T : never;

/** One dependency gives its value; a list gives the list of their values, in its order. */
export type Provided<D> = D extends readonly unknown[] ? { [K in keyof D]: ProvidedBy<D[K]> } : ProvidedBy<D>;

/**
 * The handler of `query`: `answer` with what `dependencies` provide, for a query whose answer is
 * a function of the query and some ports, so a service writes no handler class per query. Nest
 * injects the dependencies by the tokens given here (no reflected constructor types), and the
 * class is named `<Query>Handler` for Nest's messages.
 */
export function queryHandlerFor<R, Q extends Query<R>, const D extends Dependency | readonly Dependency[]>(
  query: Type<Q> & Type<Query<R>>,
  dependencies: D,
  // NoInfer: the query's own result type is the one the answer must give.
  answer: (provided: Provided<D>, query: Q) => Promise<NoInfer<R>>,
): Type<IQueryHandler<Q>> {
  const many = Array.isArray(dependencies);
  const tokens: readonly Dependency[] = many ? dependencies : [dependencies as Dependency];
  class AnsweringHandler {
    private readonly provided: Provided<D>;

    constructor(...values: unknown[]) {
      this.provided = (many ? values : values[0]) as Provided<D>;
    }

    execute(q: Q): Promise<R> {
      return answer(this.provided, q);
    }
  }
  tokens.forEach((dependency, index) => Inject(dependency)(AnsweringHandler, undefined, index));
  QueryHandler(query)(AnsweringHandler);
  Object.defineProperty(AnsweringHandler, 'name', { value: `${query.name}Handler` });
  return AnsweringHandler as unknown as Type<IQueryHandler<Q>>;
}
