// Port: turns a Firebase ID token from a mobile app into the user it belongs to, or refuses it.
export interface IdTokenVerifier {
  verify(idToken: string): Promise<{ uid: string } | null>;
}
