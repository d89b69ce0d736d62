/** consultation: the preliminary diagnosis, experts' consultation, opinions and the conclusion. */
import { ConsultationResolver, ConclusionResolver, OpinionResolver, DiagnosisResolver } from './consultation.resolver.js';

export { ConsultationService } from './consultation.service.js';

export const consultationModule = {
  name: 'consultation',
  resolvers: [ConsultationResolver, ConclusionResolver, OpinionResolver, DiagnosisResolver],
};
