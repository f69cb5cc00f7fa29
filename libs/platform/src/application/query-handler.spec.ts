import { Test } from '@nestjs/testing';
import { CqrsModule, Query, QueryBus } from '@nestjs/cqrs';
import { queryHandlerFor, typedToken } from './query-handler.js';

// A port and a configuration token, as a service's application layer declares them.
abstract class Greetings {
  abstract greeting(name: string): Promise<string>;
}
const PUNCTUATION = typedToken<string>('Punctuation');

class Greet extends Query<string> {
  constructor(readonly name: string) {
    super();
  }
}

class Shout extends Query<string> {
  constructor(readonly name: string) {
    super();
  }
}

const GreetHandler = queryHandlerFor(Greet, Greetings, (greetings, { name }) => greetings.greeting(name));
const ShoutHandler = queryHandlerFor(
  Shout,
  [Greetings, PUNCTUATION],
  async ([greetings, punctuation], { name }) => `${(await greetings.greeting(name)).toUpperCase()}${punctuation}`,
);

async function queryBus() {
  const moduleRef = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: [
      { provide: Greetings, useValue: { greeting: async (name: string) => `hello ${name}` } },
      { provide: PUNCTUATION, useValue: '!' },
      GreetHandler,
      ShoutHandler,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(QueryBus);
}

describe('queryHandlerFor', () => {
  it('answers a query on the QueryBus with the one port it injects', async () => {
    expect(await (await queryBus()).execute(new Greet('ada'))).toBe('hello ada');
  });

  it('injects a list of dependencies, classes and typed tokens, in the order given', async () => {
    expect(await (await queryBus()).execute(new Shout('ada'))).toBe('HELLO ADA!');
  });

  it("names the handler after its query, for Nest's messages", () => {
    expect(GreetHandler.name).toBe('GreetHandler');
  });
});
