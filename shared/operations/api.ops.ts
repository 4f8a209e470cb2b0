// Operations behind the local REST API itself: API keys and the settings that switch it on.
export const apiOps = {};
