/** Ids a client may choose for what it creates: lowercase, URL- and topic-safe. */
export const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
export const idMessage = { message: '$property must be lowercase letters, digits, ".", "_" or "-"' };
